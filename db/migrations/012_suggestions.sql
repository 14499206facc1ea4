-- Greedy maximal covering for suggested sites: pick, one after another, the candidate whose catchment covers the most
-- of what is still uncovered. Lazy evaluation: a candidate's gain only shrinks as sites are picked, so an old gain is
-- an upper bound and only the current leader needs recomputing.
CREATE FUNCTION atlas_greedy_cover(uncovered geometry, shapes geometry[], pick integer, min_gain_m2 double precision DEFAULT 1)
RETURNS TABLE (rank integer, candidate integer, gain_m2 double precision)
LANGUAGE plpgsql AS $$
DECLARE
  n integer := coalesce(array_length(shapes, 1), 0);
  bound double precision[];
  fresh integer[];
  best integer;
  best_gain double precision;
  i integer;
  k integer;
BEGIN
  IF n = 0 OR uncovered IS NULL OR ST_IsEmpty(uncovered) THEN
    RETURN;
  END IF;
  bound := array_fill(0::double precision, ARRAY[n]);
  fresh := array_fill(1, ARRAY[n]);
  FOR i IN 1..n LOOP
    bound[i] := ST_Area(ST_Intersection(uncovered, shapes[i]));
  END LOOP;
  FOR k IN 1..pick LOOP
    LOOP
      best := NULL;
      best_gain := 0;
      FOR i IN 1..n LOOP
        IF bound[i] > best_gain THEN
          best := i;
          best_gain := bound[i];
        END IF;
      END LOOP;
      EXIT WHEN best IS NULL OR fresh[best] = k;
      bound[best] := ST_Area(ST_Intersection(uncovered, shapes[best]));
      fresh[best] := k;
    END LOOP;
    EXIT WHEN best IS NULL OR best_gain < min_gain_m2;
    rank := k;
    candidate := best;
    gain_m2 := best_gain;
    RETURN NEXT;
    uncovered := ST_Difference(uncovered, shapes[best]);
    bound[best] := 0;
  END LOOP;
END
$$;
