// Filing schema versions: when version 1 is retired, and how a version 1 filing is read in version 2's terms.

import type { Filing, Licence, Product } from './types.js';

/** The schema versions a filing may declare; the last is what new filings use. */
export const SCHEMA_VERSIONS = [1, 2] as const;
export type SchemaVersion = (typeof SCHEMA_VERSIONS)[number];

/** Schema 1 is refused for a period ending on or after this date (DESIGN section 3). */
export const SCHEMA_1_RETIRED_FROM = '2027-01-01';

/** True when a filing of this version for a period ending on `periodEnd` is refused as `schema_retired`. */
export function isRetired(schemaVersion: unknown, periodEnd: string): boolean {
  return schemaVersion === 1 && periodEnd >= SCHEMA_1_RETIRED_FROM;
}

/**
 * The USCC of the entity holding a licence. Schema 1 could not say, and DESIGN section 3 reads its
 * licences as held by the operator; from schema 2 on the filing names the holder. Null only for a
 * schema 2 licence without one, which validation refuses: such a licence counts for nobody.
 * @example licenceHolder(v1Filing, v1Filing.licenses[0]) === v1Filing.platform.operator.uscc
 */
export function licenceHolder(filing: Filing, licence: Licence): string | null {
  return filing.schemaVersion === 1 ? filing.platform.operator.uscc : (licence.holderUscc ?? null);
}

/** True when the licence is held by the platform's operator (the only licences that count for it). */
export function heldByOperator(filing: Filing, licence: Licence): boolean {
  return licenceHolder(filing, licence) === filing.platform.operator.uscc;
}

/**
 * The USCC of the insurer carrying an insurance product's risk, or null: schema 1 products have no
 * underwriter, and DESIGN section 3 uses only an insurance product's (a mutual-aid product's is ignored).
 */
export function productUnderwriter(filing: Filing, product: Product): string | null {
  if (filing.schemaVersion === 1 || product.kind !== 'insurance') return null;
  return product.underwriterUscc ?? null;
}
