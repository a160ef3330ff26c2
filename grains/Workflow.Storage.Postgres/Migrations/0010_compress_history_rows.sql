-- LandFlow schema, version 10: history rows compressed from 256 bytes on.
--
-- Since version 9 each act's history row carries the state's delta (a changed step is some 500 bytes of JSON, its
-- key names and timestamps repeating), and that row is what an act writes. PostgreSQL compresses a row's long values
-- only once the row passes toast_tuple_target, 2 kB by default; at 256 it compresses the delta, facts and reason of
-- nearly every act's row (pglz, the server's default method), in place. Reading is unchanged, and the hash chain is
-- over the values, not their stored bytes. Rows written before are left as they are.
-- Never edit this file once shipped.

ALTER TABLE events SET (toast_tuple_target = 256);
