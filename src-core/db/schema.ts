/**
 * SQLite schema of the bundled sample database and of SQLite snapshot feeds.
 * Column names are snake_case versions of the fields in ../model.ts.
 * `flags` is a comma-separated list of ObsFlag values ('' when none).
 */
/** Schema version, stored as meta.schema_version (kept free of imports: the data worker loads this first). */
export const SCHEMA_VERSION = 1;

export const DDL = `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE cities (
  id TEXT PRIMARY KEY, adcode TEXT NOT NULL UNIQUE, name_zh TEXT NOT NULL, name_en TEXT NOT NULL,
  province_zh TEXT NOT NULL, province_en TEXT NOT NULL
);
CREATE TABLE counties (
  adcode TEXT PRIMARY KEY, city_id TEXT NOT NULL REFERENCES cities(id), name_zh TEXT NOT NULL,
  name_en TEXT NOT NULL, kind TEXT NOT NULL
);
CREATE TABLE documents (
  id TEXT PRIMARY KEY, title_zh TEXT NOT NULL, title_descriptive INTEGER NOT NULL, publisher_zh TEXT NOT NULL,
  published TEXT NOT NULL, published_inferred INTEGER NOT NULL, city_id TEXT NOT NULL, notes TEXT NOT NULL
);
CREATE TABLE indicators (
  id TEXT PRIMARY KEY, name_zh TEXT NOT NULL, name_en TEXT NOT NULL, unit TEXT NOT NULL, unit_zh TEXT NOT NULL,
  unit_en TEXT NOT NULL, domain TEXT NOT NULL, definition_zh TEXT NOT NULL, definition_en TEXT NOT NULL,
  main_pages INTEGER NOT NULL
);
CREATE TABLE observations (
  id TEXT NOT NULL, indicator_id TEXT NOT NULL REFERENCES indicators(id), city_id TEXT NOT NULL,
  county_adcode TEXT, as_of TEXT NOT NULL, as_of_basis TEXT NOT NULL, value REAL, qualifier TEXT NOT NULL,
  qualifier_zh TEXT NOT NULL, doc_id TEXT REFERENCES documents(id), quote_zh TEXT NOT NULL, metric_zh TEXT NOT NULL,
  flags TEXT NOT NULL, notes TEXT NOT NULL, conflict_group TEXT, source TEXT NOT NULL,
  PRIMARY KEY (source, id)
);
CREATE INDEX obs_series ON observations (indicator_id, city_id, county_adcode, as_of);
CREATE INDEX obs_by_city ON observations (city_id, as_of);
CREATE INDEX obs_by_group ON observations (conflict_group) WHERE conflict_group IS NOT NULL;
`;

export const REQUIRED_TABLES = ['meta', 'cities', 'counties', 'documents', 'indicators', 'observations'] as const;
