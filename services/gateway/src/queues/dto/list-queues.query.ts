import { IntersectionType } from '@nestjs/swagger';
import { PageQuery } from '../../common/page.query';
import { QueueFilterQuery } from './queue-filter.query';

/** The queue list: its filters and a page. */
export class ListQueuesQuery extends IntersectionType(QueueFilterQuery, PageQuery) {}
