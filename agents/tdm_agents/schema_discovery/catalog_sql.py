"""The pg_catalog queries of discovery: one query per kind of object, across all requested schemas.

Each query takes one parameter, the list of schema names (`= ANY(%(schemas)s)`), so the cost is
a handful of round trips whatever the number of tables. Column lists of constraints and indexes
are resolved to names server-side, keeping their declared order.
"""

SCHEMAS = """
SELECT s.name,
       n.oid IS NOT NULL AS present,
       n.oid IS NOT NULL AND has_schema_privilege(n.oid, 'USAGE') AS usable
FROM unnest(%(schemas)s::text[]) AS s(name)
LEFT JOIN pg_namespace n ON n.nspname = s.name
"""

SERVER = "SELECT current_database(), current_setting('server_version'), current_user"

TABLES = """
SELECT n.nspname, c.relname, c.relkind, c.relispartition,
       CASE WHEN c.reltuples >= 0 THEN c.reltuples::bigint END AS reltuples,
       CASE WHEN c.relkind IN ('r', 'm', 'p') THEN pg_total_relation_size(c.oid) END AS size_bytes,
       obj_description(c.oid, 'pg_class') AS comment,
       pn.nspname AS parent_schema, pc.relname AS parent_name,
       CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END AS partition_key,
       CASE WHEN c.relispartition THEN pg_get_expr(c.relpartbound, c.oid) END AS partition_bound,
       ARRAY(SELECT hn.nspname || '.' || hc.relname FROM pg_inherits h
             JOIN pg_class hc ON hc.oid = h.inhparent JOIN pg_namespace hn ON hn.oid = hc.relnamespace
             WHERE h.inhrelid = c.oid AND NOT c.relispartition
             ORDER BY h.inhseqno) AS inherits
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_inherits i ON c.relispartition AND i.inhrelid = c.oid
LEFT JOIN pg_class pc ON pc.oid = i.inhparent
LEFT JOIN pg_namespace pn ON pn.oid = pc.relnamespace
WHERE n.nspname = ANY(%(schemas)s) AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
ORDER BY n.nspname, c.relname
"""

# Domains are resolved to their base type (bt) for categories and limits; the limits use the
# same helpers information_schema.columns uses, so they agree with what other tools print.
COLUMNS = """
SELECT n.nspname, c.relname, a.attname, a.attnum,
       format_type(a.atttypid, a.atttypmod) AS data_type,
       t.typname AS udt_name, t.typtype,
       bt.typname AS base_name, bt.typtype AS base_kind, bt.typcategory AS base_category,
       CASE WHEN t.typtype = 'd' THEN format_type(t.oid, NULL) END AS domain_name,
       CASE WHEN bt.typcategory = 'A' THEN format_type(bt.typelem, NULL) END AS element_type,
       bt.oid AS base_oid,
       NOT (a.attnotnull OR (t.typtype = 'd' AND t.typnotnull)) AS nullable,
       pg_get_expr(d.adbin, d.adrelid) AS default_expr,
       a.attidentity, a.attgenerated,
       col_description(c.oid, a.attnum) AS comment, a.attislocal,
       CASE WHEN a.attcollation <> t.typcollation THEN (
           SELECT CASE WHEN cn.nspname = 'pg_catalog' THEN quote_ident(co.collname)
                       ELSE quote_ident(cn.nspname) || '.' || quote_ident(co.collname) END
           FROM pg_collation co JOIN pg_namespace cn ON cn.oid = co.collnamespace
           WHERE co.oid = a.attcollation) END AS collation,
       information_schema._pg_char_max_length(bt.oid, coalesce(nullif(t.typtypmod, -1), a.atttypmod)) AS max_length,
       information_schema._pg_numeric_precision(bt.oid, coalesce(nullif(t.typtypmod, -1), a.atttypmod)) AS num_precision,
       information_schema._pg_numeric_scale(bt.oid, coalesce(nullif(t.typtypmod, -1), a.atttypmod)) AS num_scale
FROM pg_attribute a
JOIN pg_class c ON c.oid = a.attrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_type t ON t.oid = a.atttypid
JOIN pg_type bt ON bt.oid = CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE t.oid END
LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
WHERE n.nspname = ANY(%(schemas)s) AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY n.nspname, c.relname, a.attnum
"""

# Extensions owning a type the columns use: the type itself, an array's element, a domain's base.
EXTENSIONS = """
SELECT e.extname, en.nspname, array_agg(DISTINCT ut.typname::text ORDER BY ut.typname::text) AS types
FROM pg_attribute a
JOIN pg_class c ON c.oid = a.attrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_type t ON t.oid = a.atttypid
LEFT JOIN pg_type bt ON bt.oid = t.typbasetype
JOIN pg_type ut ON ut.oid IN (t.oid, t.typelem, bt.oid, bt.typelem)
JOIN pg_depend d ON d.classid = 'pg_type'::regclass AND d.objid = ut.oid AND d.deptype = 'e'
JOIN pg_extension e ON e.oid = d.refobjid
JOIN pg_namespace en ON en.oid = e.extnamespace
WHERE n.nspname = ANY(%(schemas)s) AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND a.attnum > 0 AND NOT a.attisdropped
GROUP BY e.extname, en.nspname
ORDER BY e.extname
"""

# Stand-alone composite types defined in the requested schemas (not tables' row types, not
# extensions' types), in creation order so that one used by another comes first.
COMPOSITES = """
SELECT n.nspname, t.typname,
       array_agg(a.attname::text ORDER BY a.attnum) AS attributes,
       array_agg(format_type(a.atttypid, a.atttypmod) ORDER BY a.attnum) AS attribute_types
FROM pg_type t
JOIN pg_class r ON r.oid = t.typrelid AND r.relkind = 'c'
JOIN pg_namespace n ON n.oid = t.typnamespace
JOIN pg_attribute a ON a.attrelid = r.oid AND a.attnum > 0 AND NOT a.attisdropped
WHERE n.nspname = ANY(%(schemas)s)
  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_type'::regclass AND d.objid = t.oid
                  AND d.deptype = 'e')
GROUP BY t.oid, n.nspname, t.typname
ORDER BY t.oid
"""

# Enums and domains defined in the requested schemas, plus those the columns there use.
ENUMS = """
SELECT t.oid, n.nspname, t.typname, array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS labels,
       n.nspname = ANY(%(schemas)s) AS defined_here
FROM pg_type t
JOIN pg_namespace n ON n.oid = t.typnamespace
JOIN pg_enum e ON e.enumtypid = t.oid
WHERE n.nspname = ANY(%(schemas)s) OR t.oid IN (
    SELECT coalesce(nullif(at.typelem, 0), at.oid) FROM pg_attribute a
    JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace cn ON cn.oid = c.relnamespace
    JOIN pg_type at ON at.oid = a.atttypid
    WHERE cn.nspname = ANY(%(schemas)s) AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND a.attnum > 0)
GROUP BY t.oid, n.nspname, t.typname
ORDER BY n.nspname, t.typname
"""

DOMAINS = """
SELECT n.nspname, t.typname, format_type(t.typbasetype, t.typtypmod) AS base_type, t.typnotnull,
       t.typdefault,
       coalesce(array_agg(pg_get_constraintdef(k.oid) ORDER BY k.conname)
                FILTER (WHERE k.oid IS NOT NULL), '{}') AS checks
FROM pg_type t
JOIN pg_namespace n ON n.oid = t.typnamespace
LEFT JOIN pg_constraint k ON k.contypid = t.oid AND k.contype = 'c'
WHERE t.typtype = 'd' AND (n.nspname = ANY(%(schemas)s) OR t.oid IN (
    SELECT a.atttypid FROM pg_attribute a
    JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace cn ON cn.oid = c.relnamespace
    WHERE cn.nspname = ANY(%(schemas)s) AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND a.attnum > 0))
GROUP BY n.nspname, t.typname, t.typbasetype, t.typtypmod, t.typnotnull, t.typdefault
ORDER BY n.nspname, t.typname
"""

# Primary keys, unique and check constraints. NOT NULL constraints (contype 'n') are already
# reflected in `nullable`. Constraints inherited by partitions (or from INHERITS parents) are kept
# on each table, flagged `inherited` so that DDL does not declare them twice.
CONSTRAINTS = """
SELECT n.nspname, c.relname, k.conname, k.contype,
       k.conparentid <> 0 OR NOT k.conislocal AS inherited,
       ARRAY(SELECT a.attname::text FROM unnest(k.conkey) WITH ORDINALITY AS u(attnum, ord)
             JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.attnum
             ORDER BY u.ord) AS columns,
       CASE WHEN k.contype = 'c' THEN pg_get_expr(k.conbin, k.conrelid) END AS expression
FROM pg_constraint k
JOIN pg_class c ON c.oid = k.conrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = ANY(%(schemas)s) AND k.contype IN ('p', 'u', 'c')
ORDER BY n.nspname, c.relname, k.conname
"""

INDEXES = """
SELECT n.nspname, c.relname, ic.relname AS index_name, x.indisunique, x.indisprimary,
       x.indpred IS NOT NULL AS partial, pg_get_indexdef(x.indexrelid) AS definition,
       EXISTS (SELECT 1 FROM pg_inherits h WHERE h.inhrelid = x.indexrelid) AS inherited,
       ARRAY(SELECT a.attname::text FROM unnest(x.indkey::int2[]) WITH ORDINALITY AS u(attnum, ord)
             JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = u.attnum
             WHERE u.ord <= x.indnkeyatts
             ORDER BY u.ord) AS columns
FROM pg_index x
JOIN pg_class c ON c.oid = x.indrelid
JOIN pg_class ic ON ic.oid = x.indexrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = ANY(%(schemas)s)
ORDER BY n.nspname, c.relname, ic.relname
"""

# Only top-level foreign keys: PostgreSQL clones a key declared on a partitioned table onto every
# partition (and onto every referenced partition), and those clones have conparentid set. Keys
# declared on a partition itself (conparentid = 0) are listed; the catalog folds them into the
# partitioned parent's relationships.
FOREIGN_KEYS = """
SELECT k.conname, n.nspname, c.relname, pn.nspname AS parent_schema, pc.relname AS parent_name,
       ARRAY(SELECT a.attname::text FROM unnest(k.conkey) WITH ORDINALITY AS u(attnum, ord)
             JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.attnum
             ORDER BY u.ord) AS child_columns,
       ARRAY(SELECT a.attname::text FROM unnest(k.confkey) WITH ORDINALITY AS u(attnum, ord)
             JOIN pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = u.attnum
             ORDER BY u.ord) AS parent_columns,
       k.confdeltype, k.condeferrable, k.condeferred, k.confupdtype, k.confmatchtype
FROM pg_constraint k
JOIN pg_class c ON c.oid = k.conrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_class pc ON pc.oid = k.confrelid
JOIN pg_namespace pn ON pn.oid = pc.relnamespace
WHERE n.nspname = ANY(%(schemas)s) AND k.contype = 'f' AND k.conparentid = 0
ORDER BY n.nspname, c.relname, k.conname
"""

# Sequences owned by a column: an identity's ('i') or a serial's / OWNED BY ('a').
SEQUENCES = """
SELECT n.nspname, c.relname, a.attname, sn.nspname AS seq_schema, sc.relname AS seq_name,
       format_type(s.seqtypid, NULL) AS data_type, s.seqstart, s.seqincrement, s.seqmin, s.seqmax,
       s.seqcache, s.seqcycle
FROM pg_depend d
JOIN pg_sequence s ON s.seqrelid = d.objid
JOIN pg_class sc ON sc.oid = s.seqrelid
JOIN pg_namespace sn ON sn.oid = sc.relnamespace
JOIN pg_class c ON c.oid = d.refobjid
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = d.refobjsubid
WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass
  AND d.deptype IN ('a', 'i') AND n.nspname = ANY(%(schemas)s)
"""

# Cheap size facts for sampling decisions: never-analyzed tables have reltuples = -1, and then
# the current heap page count is the only hint of size (it is what the planner falls back to).
ESTIMATES = """
SELECT n.nspname, c.relname,
       CASE WHEN c.reltuples >= 0 THEN c.reltuples::bigint END AS reltuples,
       pg_relation_size(c.oid) / current_setting('block_size')::int AS heap_pages,
       c.relkind, c.relispopulated,
       has_table_privilege(c.oid, 'SELECT') AS readable
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = ANY(%(schemas)s) AND c.relkind IN ('r', 'p', 'm', 'v', 'f')
"""
