export class TestTemplateRefDto {
  id!: string;
  name!: string;
  version!: number;
}
