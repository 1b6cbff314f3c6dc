import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The data model of ARCHITECTURE.md section 4. Tables are created unqualified: the DataSource's
 * search_path puts them in the configured schema (one schema per test file in integration tests).
 */
export class InitialSchema1795000000000 implements MigrationInterface {
  name = 'InitialSchema1795000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE sites (
        id text PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9_-]+$'),
        name text NOT NULL,
        labels jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE queues (
        id text PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9_-]+$'),
        site_id text NOT NULL REFERENCES sites(id),
        name text NOT NULL,
        backend text NOT NULL CHECK (backend IN ('sim', 'local', 'slurm', 'panda', 'kubernetes')),
        backend_config jsonb NOT NULL DEFAULT '{}',
        labels jsonb NOT NULL DEFAULT '{}',
        status text NOT NULL DEFAULT 'online' CHECK (status IN ('online', 'excluded', 'offline')),
        status_source text CHECK (status_source IN ('policy', 'manual', 'guard')),
        status_set_by text,
        status_since timestamptz NOT NULL DEFAULT now(),
        exclusion_count integer NOT NULL DEFAULT 0,
        next_eligible_at timestamptz,
        protected boolean NOT NULL DEFAULT false,
        auto_exclusion boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX queues_site_idx ON queues (site_id)`);

    await q.query(`
      CREATE TABLE templates (
        id uuid PRIMARY KEY,
        name text NOT NULL UNIQUE,
        current_version integer NOT NULL,
        active boolean NOT NULL DEFAULT true,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE template_versions (
        template_id uuid NOT NULL REFERENCES templates(id),
        version integer NOT NULL CHECK (version > 0),
        kind text NOT NULL CHECK (kind IN ('functional', 'stress', 'benchmark')),
        description text NOT NULL DEFAULT '',
        workload jsonb NOT NULL,
        queue_selector jsonb NOT NULL,
        submission_profile jsonb NOT NULL,
        lifetime_seconds integer NOT NULL CHECK (lifetime_seconds > 0),
        robot boolean NOT NULL,
        golden boolean NOT NULL,
        policy text,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (template_id, version)
      )`);

    await q.query(`
      CREATE TABLE tests (
        id uuid PRIMARY KEY,
        template_id uuid NOT NULL REFERENCES templates(id),
        template_version integer NOT NULL,
        kind text NOT NULL CHECK (kind IN ('functional', 'stress', 'benchmark')),
        robot boolean NOT NULL,
        state text NOT NULL CHECK (state IN ('scheduled', 'running', 'completed', 'cancelled', 'error')),
        start_at timestamptz NOT NULL,
        end_at timestamptz NOT NULL CHECK (end_at > start_at),
        started_at timestamptz,
        finished_at timestamptz,
        submitter_id text,
        lease_epoch bigint NOT NULL DEFAULT 0,
        predecessor_id uuid REFERENCES tests(id),
        reason text,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (template_id, template_version) REFERENCES template_versions(template_id, version)
      )`);
    // The robot keeps exactly one live test per functional template, even if two schedulers raced.
    await q.query(`
      CREATE UNIQUE INDEX tests_one_live_robot_test ON tests (template_id)
      WHERE robot AND state IN ('scheduled', 'running')`);
    // A test has at most one successor.
    await q.query(
      `CREATE UNIQUE INDEX tests_predecessor_idx ON tests (predecessor_id) WHERE predecessor_id IS NOT NULL`,
    );
    await q.query(`CREATE INDEX tests_state_idx ON tests (state, start_at)`);
    await q.query(`CREATE INDEX tests_submitter_idx ON tests (submitter_id) WHERE state = 'running'`);
    await q.query(`
      CREATE TABLE test_queues (
        test_id uuid NOT NULL REFERENCES tests(id),
        queue_id text NOT NULL REFERENCES queues(id),
        settings jsonb NOT NULL DEFAULT '{}',
        PRIMARY KEY (test_id, queue_id)
      )`);

    // Job detail, range-partitioned by submission time: old detail is dropped by partition, rollups stay.
    await q.query(`
      CREATE TABLE jobs (
        id uuid NOT NULL,
        submitted_at timestamptz NOT NULL,
        test_id uuid NOT NULL,
        queue_id text NOT NULL,
        backend text NOT NULL,
        backend_job_id text NOT NULL DEFAULT '',
        submitter_id text NOT NULL DEFAULT '',
        state text NOT NULL CHECK (state IN ('submitted', 'running', 'completed', 'failed', 'cancelled', 'lost')),
        started_at timestamptz,
        finished_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now(),
        exit_code integer,
        error_class text CHECK (error_class IN ('site', 'central', 'workload', 'unknown')),
        error_message text,
        wall_seconds double precision,
        cpu_seconds double precision,
        max_rss_kb bigint,
        stage_in_seconds double precision,
        events bigint,
        metrics jsonb NOT NULL DEFAULT '{}',
        PRIMARY KEY (id, submitted_at)
      ) PARTITION BY RANGE (submitted_at)`);
    await q.query(`CREATE INDEX jobs_test_queue_idx ON jobs (test_id, queue_id, submitted_at)`);
    await q.query(`CREATE INDEX jobs_queue_idx ON jobs (queue_id, submitted_at)`);
    await q.query(`CREATE TABLE jobs_default PARTITION OF jobs DEFAULT`);
    // Daily partitions [day, day + 1); created ahead of time by the ingester's maintenance.
    await q.query(`
      CREATE FUNCTION anvil_ensure_job_partitions(first_day date, days integer) RETURNS integer
      LANGUAGE plpgsql AS $$
      DECLARE
        d date;
        created integer := 0;
        part text;
      BEGIN
        FOR i IN 0 .. days - 1 LOOP
          d := first_day + i;
          part := 'jobs_p' || to_char(d, 'YYYYMMDD');
          IF to_regclass(quote_ident(current_schema()) || '.' || part) IS NULL THEN
            EXECUTE format('CREATE TABLE %I PARTITION OF jobs FOR VALUES FROM (%L) TO (%L)',
              part, d::timestamptz, (d + 1)::timestamptz);
            created := created + 1;
          END IF;
        END LOOP;
        RETURN created;
      END $$`);
    await q.query(`SELECT anvil_ensure_job_partitions((now() AT TIME ZONE 'UTC')::date - 2, 16)`);

    // Per test x queue x hour of submission: current count per state and metric sums. Kept for ever.
    await q.query(`
      CREATE TABLE job_rollups (
        test_id uuid NOT NULL,
        queue_id text NOT NULL,
        hour timestamptz NOT NULL,
        submitted integer NOT NULL DEFAULT 0,
        running integer NOT NULL DEFAULT 0,
        completed integer NOT NULL DEFAULT 0,
        failed integer NOT NULL DEFAULT 0,
        cancelled integer NOT NULL DEFAULT 0,
        lost integer NOT NULL DEFAULT 0,
        total integer NOT NULL DEFAULT 0,
        wall_seconds_sum double precision NOT NULL DEFAULT 0,
        cpu_seconds_sum double precision NOT NULL DEFAULT 0,
        events_sum bigint NOT NULL DEFAULT 0,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (test_id, queue_id, hour)
      )`);
    await q.query(`CREATE INDEX job_rollups_queue_idx ON job_rollups (queue_id, hour)`);

    await q.query(`
      CREATE TABLE policies (
        name text NOT NULL,
        version integer NOT NULL CHECK (version > 0),
        document jsonb NOT NULL,
        enforce boolean NOT NULL DEFAULT false,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (name, version)
      )`);
    await q.query(`
      CREATE TABLE outages (
        id uuid PRIMARY KEY,
        scope text NOT NULL,
        opened_at timestamptz NOT NULL,
        closed_at timestamptz,
        reason text NOT NULL,
        evidence jsonb NOT NULL DEFAULT '{}'
      )`);
    await q.query(`
      CREATE TABLE decisions (
        id uuid PRIMARY KEY,
        queue_id text NOT NULL REFERENCES queues(id),
        action text NOT NULL CHECK (action IN ('exclude', 'recover', 'override')),
        source text NOT NULL CHECK (source IN ('policy', 'manual', 'guard')),
        policy_name text,
        policy_version integer,
        reason text NOT NULL,
        evidence jsonb NOT NULL DEFAULT '{}',
        enforced boolean NOT NULL,
        actor text NOT NULL,
        outage_id uuid REFERENCES outages(id),
        decided_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX decisions_queue_idx ON decisions (queue_id, decided_at DESC)`);
    await q.query(`
      CREATE TABLE audit_log (
        id bigserial PRIMARY KEY,
        actor text NOT NULL,
        action text NOT NULL,
        target text NOT NULL,
        details jsonb NOT NULL DEFAULT '{}',
        request_id text,
        at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'audit_log',
      'decisions',
      'outages',
      'policies',
      'job_rollups',
      'jobs',
      'test_queues',
      'tests',
      'template_versions',
      'templates',
      'queues',
      'sites',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${table} CASCADE`);
    }
    await q.query(`DROP FUNCTION IF EXISTS anvil_ensure_job_partitions(date, integer)`);
  }
}
