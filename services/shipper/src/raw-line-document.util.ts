/**
 * The document indexed for a line that could not be parsed or was refused by OpenSearch: the raw text, flagged, so
 * nothing is dropped and operators can find such lines with `anvil.parse_error: true`.
 */
export function rawLineDocument(raw: string, source: string, at: Date, problem: string): Record<string, unknown> {
  return {
    '@timestamp': at.toISOString(),
    'service.name': source,
    message: raw,
    'event.original': raw,
    'anvil.parse_error': true,
    'error.message': problem,
  };
}
