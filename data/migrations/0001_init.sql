-- Actors: the sides that can control a settlement.
CREATE TABLE actors (
	id      TEXT PRIMARY KEY,
	name_en TEXT NOT NULL DEFAULT '',
	name_az TEXT NOT NULL DEFAULT '',
	name_hy TEXT NOT NULL DEFAULT '',
	name_ru TEXT NOT NULL DEFAULT '',
	color   TEXT NOT NULL
) STRICT;

-- Settlements. seq is the integer key the R*Tree needs; id is the public, stable key.
CREATE TABLE settlements (
	seq           INTEGER PRIMARY KEY,
	id            TEXT NOT NULL UNIQUE,
	name_en       TEXT NOT NULL DEFAULT '',
	name_az       TEXT NOT NULL DEFAULT '',
	name_hy       TEXT NOT NULL DEFAULT '',
	name_ru       TEXT NOT NULL DEFAULT '',
	district      TEXT NOT NULL DEFAULT '',
	country       TEXT NOT NULL DEFAULT '',
	place         TEXT NOT NULL DEFAULT '',
	lon           REAL NOT NULL,
	lat           REAL NOT NULL,
	population    INTEGER NOT NULL DEFAULT 0,
	geonames_id   INTEGER NOT NULL DEFAULT 0,
	wikipedia_url TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE VIRTUAL TABLE settlement_points USING rtree(seq, min_lon, max_lon, min_lat, max_lat);

CREATE TRIGGER settlement_points_insert AFTER INSERT ON settlements BEGIN
	INSERT INTO settlement_points VALUES (new.seq, new.lon, new.lon, new.lat, new.lat);
END;
CREATE TRIGGER settlement_points_update AFTER UPDATE OF lon, lat ON settlements BEGIN
	UPDATE settlement_points SET min_lon = new.lon, max_lon = new.lon, min_lat = new.lat, max_lat = new.lat
	WHERE seq = new.seq;
END;

-- Changes of control. day is the first day of date (days since 1970-01-01), precision 1 year,
-- 2 month, 3 day. A retracted change keeps its row.
CREATE TABLE changes (
	id                TEXT PRIMARY KEY,
	settlement_id     TEXT NOT NULL REFERENCES settlements (id),
	date              TEXT NOT NULL,
	day               INTEGER NOT NULL,
	precision         INTEGER NOT NULL CHECK (precision BETWEEN 1 AND 3),
	controller        TEXT NOT NULL REFERENCES actors (id),
	kind              TEXT NOT NULL,
	status            TEXT NOT NULL,
	note              TEXT NOT NULL DEFAULT '',
	recorded_at       TEXT NOT NULL,
	retracted_at      TEXT,
	retraction_reason TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE INDEX changes_by_settlement ON changes (settlement_id, day);
CREATE INDEX changes_by_day ON changes (day);

CREATE TABLE sources (
	change_id TEXT NOT NULL REFERENCES changes (id),
	position  INTEGER NOT NULL,
	title     TEXT NOT NULL,
	publisher TEXT NOT NULL DEFAULT '',
	url       TEXT NOT NULL DEFAULT '',
	published TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (change_id, position)
) STRICT;

-- The audit trail: every version of every record ever written, never updated or deleted.
CREATE TABLE revisions (
	seq         INTEGER PRIMARY KEY,
	entity      TEXT NOT NULL CHECK (entity IN ('actor', 'settlement', 'change')),
	entity_id   TEXT NOT NULL,
	recorded_at TEXT NOT NULL,
	origin      TEXT NOT NULL,
	body        TEXT NOT NULL
) STRICT;

CREATE INDEX revisions_by_entity ON revisions (entity, entity_id, seq);
