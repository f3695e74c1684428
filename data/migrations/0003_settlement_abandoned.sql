-- A settlement that is no longer inhabited (abandoned, destroyed or only historical) stays on
-- the map and is marked: 1 abandoned, 0 inhabited or not known.
ALTER TABLE settlements ADD COLUMN abandoned INTEGER NOT NULL DEFAULT 0 CHECK (abandoned IN (0, 1));
