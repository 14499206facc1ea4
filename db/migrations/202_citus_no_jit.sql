-- On a Citus coordinator: no JIT compilation on the nodes of this database. A no-op on PGlite and plain PostgreSQL.
--
-- Citus plans each shard's part of a statement over intermediate results it estimates at 1,000 rows, so the coverage
-- statement's shard queries (the cover functions per area) were costed in the millions and JIT-compiled, with
-- inlining and optimisation, once per shard task: a batch of 77 communities' coverage took 20.8 s, of which the
-- geometry was 0.3 s, and 1.9 s without JIT (measured on the demo city, coordinator + 2 workers on one machine;
-- docs/SCALING.md). The hub's statements are short and many; none gains from JIT.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') THEN
    RETURN;
  END IF;
  EXECUTE format('ALTER DATABASE %I SET jit = off', current_database());
  PERFORM run_command_on_workers(format('ALTER DATABASE %I SET jit = off', current_database()));
END
$$;
