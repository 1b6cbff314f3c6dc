import { Global, Inject, Injectable, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { loadCoreConfig } from '@anvil/config';
import { createDataSource, databaseOptions } from '../data-source';

export interface DatabaseModuleOptions {
  applicationName: string;
  poolSize?: number;
}

@Injectable()
class DataSourceCloser implements OnApplicationShutdown {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) {
      await this.dataSource.destroy();
    }
  }
}

/** Provides the process's TypeORM `DataSource` (injection token: the `DataSource` class). Refuses to start on an unmigrated schema. */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(options: DatabaseModuleOptions): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [
        {
          provide: DataSource,
          useFactory: async () => {
            const dataSource = createDataSource({
              ...databaseOptions(loadCoreConfig(), options.applicationName),
              poolSize: options.poolSize,
            });
            await dataSource.initialize();
            if (await dataSource.showMigrations()) {
              await dataSource.destroy();
              throw new Error('the database schema has pending migrations: run `npm run migrate` first');
            }
            return dataSource;
          },
        },
        DataSourceCloser,
      ],
      exports: [DataSource],
    };
  }
}
