// The Filing document, version 1, as TypeScript types (the schema in schemas/filing.schema.json is the source of truth).

export type LicenceType = 'insurance' | 'mutual-insurance' | 'insurance-agency' | 'payment' | 'other';

export interface Licence {
  type: LicenceType;
  number: string;
  issuer: string;
  validFrom: string;
  validUntil: string | null;
}

export interface Product {
  id: string;
  name: string;
  kind: 'mutual-aid' | 'insurance';
  registration: { number: string; date: string } | null;
  waitingPeriodDays: number;
  managementFeeRate: number;
  payoutCapCny: number;
  annualShareCapCny: number | null;
  ageRange: { min: number; max: number };
}

export interface Disclosure {
  publishedAt: string;
  periodStart: string;
  periodEnd: string;
  cases?: number;
  amountToShareCny?: number;
  perMemberShareCny?: number;
  managementFeeCny?: number;
}

export interface MarketingText {
  channel: string;
  publishedAt: string;
  text: string;
}

export interface Shutdown {
  announcedAt: string;
  effectiveAt: string;
  transitionCover: boolean;
  outstandingClaimsPlan: boolean;
  claimsWindowDays?: number;
}

/** A platform's filing, validated. Dates are `YYYY-MM-DD` strings; money in yuan; rates as fractions. */
export interface Filing {
  schemaVersion: 1;
  filingId: string;
  supersedes?: string | null;
  platform: { id: string; name: string; operator: { name: string; uscc: string } };
  period: { start: string; end: string };
  submittedAt: string;
  licenses: Licence[];
  products: Product[];
  funds: {
    collectionModel: 'post-event-sharing' | 'pre-collection';
    custody: { bank: string | null; segregated: boolean; accountOpenedAt: string | null };
    preCollectedBalanceCny: number;
    ledgerBalanceCny: number;
    custodyBalanceCny: number;
  };
  members: {
    active: number;
    activeAtPeriodStart: number;
    ageBands?: Record<'0-17' | '18-39' | '40-59' | '60+', number>;
  };
  disclosures: Disclosure[];
  marketing?: MarketingText[];
  shutdown: Shutdown | null;
}
