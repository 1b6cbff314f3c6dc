/** SELECT/RETURNING list that reads a `tests` row into a `TestRow`. */
export const TEST_COLUMNS = `id, template_id AS "templateId", template_version AS "templateVersion", kind, robot, state,
  start_at AS "startAt", end_at AS "endAt", started_at AS "startedAt", finished_at AS "finishedAt",
  submitter_id AS "submitterId", lease_epoch AS "leaseEpoch", predecessor_id AS "predecessorId", reason`;
