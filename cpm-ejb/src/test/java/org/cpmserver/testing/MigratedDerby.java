package org.cpmserver.testing;

import java.util.UUID;
import org.apache.derby.jdbc.EmbeddedDataSource;
import org.flywaydb.core.Flyway;

/** A fresh in-memory Derby database with the release's schema (its Flyway scripts), for tests on real SQL. */
public final class MigratedDerby {

    private MigratedDerby() {
    }

    /** A new, empty, migrated database; {@code purpose} only names it. */
    public static EmbeddedDataSource create(String purpose) {
        EmbeddedDataSource db = new EmbeddedDataSource();
        db.setDatabaseName("memory:" + purpose + "-" + UUID.randomUUID());
        db.setCreateDatabase("create");
        Flyway.configure().dataSource(db).locations("classpath:db/migration/derby").failOnMissingLocations(true).load()
                .migrate();
        return db;
    }
}
