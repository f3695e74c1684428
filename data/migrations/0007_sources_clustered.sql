-- Sources are kept in the order of their primary key (WITHOUT ROWID): the sources of one change
-- are side by side, and those of changes with neighbouring ids on neighbouring pages, so the
-- sources of a snapshot's 100,000 changes in force are read in one pass over the table rather
-- than one page of the table per source after a look-up in a separate index. Same columns and
-- constraints as before.
CREATE TABLE sources_clustered (
	change_id TEXT NOT NULL REFERENCES changes (id),
	position  INTEGER NOT NULL,
	title     TEXT NOT NULL,
	publisher TEXT NOT NULL DEFAULT '',
	url       TEXT NOT NULL DEFAULT '',
	published TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (change_id, position)
) STRICT, WITHOUT ROWID;

INSERT INTO sources_clustered (change_id, position, title, publisher, url, published)
	SELECT change_id, position, title, publisher, url, published FROM sources ORDER BY change_id, position;

DROP TABLE sources;

ALTER TABLE sources_clustered RENAME TO sources;
