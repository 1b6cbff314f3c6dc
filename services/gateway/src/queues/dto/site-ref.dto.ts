export class SiteRefDto {
  id!: string;
  name!: string;
}
