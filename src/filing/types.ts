// The Filing document, versions 1 and 2, as hand-written TypeScript types kept in step with
// schemas/filing.schema.json (the schema is the source of truth; test/filing checks the two agree).

export type LicenceType = 'insurance' | 'mutual-insurance' | 'insurance-agency' | 'payment' | 'other';

export interface Licence {
  type: LicenceType;
  number: string;
  issuer: string;
  validFrom: string;
  validUntil: string | null;
  /** USCC of the entity holding the licence. Required in schema 2, absent in schema 1 (read as the operator). */
  holderUscc?: string;
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
  /** Schema 2 only: USCC of the insurer carrying an insurance product's risk; null or absent = none named. */
  underwriterUscc?: string | null;
}

export interface Disclosure {
  publishedAt: string;
  periodStart: string;
  periodEnd: string;
  cases?: number;
  amountToShareCny?: number;
  perMemberShareCny?: number;
  managementFeeCny?: number;
  /** Schema 2 only: members who shared this round. */
  participatingMembers?: number;
  /** Schema 2 only: the part of amountToShareCny the platform paid itself (never more than it). */
  borneByPlatformCny?: number;
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
  schemaVersion: 1 | 2;
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
