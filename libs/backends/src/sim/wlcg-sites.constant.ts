/** WLCG-like sites of the simulated grid (ids as in GOCDB/CRIC; labels are plausible, not authoritative). */
export const WLCG_SITES: readonly {
  readonly id: string;
  readonly name: string;
  readonly country: string;
  readonly tier: string;
  readonly vo: string;
}[] = [
  { id: 'CERN-PROD', name: 'CERN Tier-0', country: 'CH', tier: '0', vo: 'atlas' },
  { id: 'BNL-ATLAS', name: 'Brookhaven National Laboratory', country: 'US', tier: '1', vo: 'atlas' },
  { id: 'FZK-LCG2', name: 'KIT GridKa', country: 'DE', tier: '1', vo: 'atlas' },
  { id: 'IN2P3-CC', name: 'CC-IN2P3 Lyon', country: 'FR', tier: '1', vo: 'atlas' },
  { id: 'TRIUMF-LCG2', name: 'TRIUMF Vancouver', country: 'CA', tier: '1', vo: 'atlas' },
  { id: 'RAL-LCG2', name: 'RAL Tier-1', country: 'GB', tier: '1', vo: 'atlas' },
  { id: 'INFN-T1', name: 'INFN CNAF Bologna', country: 'IT', tier: '1', vo: 'atlas' },
  { id: 'NDGF-T1', name: 'Nordic Data Grid Facility', country: 'SE', tier: '1', vo: 'atlas' },
  { id: 'PIC', name: 'Port d Informacio Cientifica', country: 'ES', tier: '1', vo: 'atlas' },
  { id: 'SARA-MATRIX', name: 'SURFsara Amsterdam', country: 'NL', tier: '1', vo: 'atlas' },
  { id: 'Taiwan-LCG2', name: 'ASGC Taipei', country: 'TW', tier: '1', vo: 'atlas' },
  { id: 'USCMS-FNAL-WC1', name: 'Fermilab CMS Tier-1', country: 'US', tier: '1', vo: 'cms' },
  { id: 'JINR-T1', name: 'JINR Dubna Tier-1', country: 'RU', tier: '1', vo: 'cms' },
  { id: 'KR-KISTI-GSDC-01', name: 'KISTI GSDC Daejeon', country: 'KR', tier: '1', vo: 'alice' },
  { id: 'DESY-HH', name: 'DESY Hamburg', country: 'DE', tier: '2', vo: 'atlas' },
  { id: 'MWT2', name: 'Midwest Tier-2', country: 'US', tier: '2', vo: 'atlas' },
  { id: 'AGLT2', name: 'ATLAS Great Lakes Tier-2', country: 'US', tier: '2', vo: 'atlas' },
  { id: 'UKI-NORTHGRID-MAN-HEP', name: 'University of Manchester', country: 'GB', tier: '2', vo: 'atlas' },
  { id: 'praguelcg2', name: 'FZU Prague', country: 'CZ', tier: '2', vo: 'atlas' },
  { id: 'CA-SFU-T2', name: 'Simon Fraser University', country: 'CA', tier: '2', vo: 'atlas' },
];
