export const CLI_USAGE = `usage:
  anvil-policy replay --policy <preset|file.json|file.yaml> --trace <file.ndjson|-> [--tick-interval <duration>]
      replays a job trace through the policy; writes one NDJSON decision per line on stdout
  anvil-policy validate <file.json|file.yaml>
      prints OK, or every problem with the path of its field (exit 1)
  anvil-policy presets
      prints the names of the built-in policies
  anvil-policy show <preset|file>
      prints the validated policy as JSON (durations in ms): a starting point for your own
exit codes: 0 ok, 1 invalid policy or trace, 2 bad usage
`;
