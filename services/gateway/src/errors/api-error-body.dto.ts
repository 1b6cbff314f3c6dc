import type { ApiErrorDetail } from './api-error-detail';

/** Body of every 4xx/5xx answer. */
export class ApiErrorBodyDto {
  statusCode!: number;
  /** The HTTP reason phrase. */
  error!: string;
  code!: string;
  message!: string;
  details!: ApiErrorDetail[];
}
