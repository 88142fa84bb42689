package org.cpmserver.jpa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.cpmserver.jpa.deferred.DeferredDelivery;
import org.cpmserver.jpa.deferred.DeferredRecord;
import org.cpmserver.jpa.message.DeliveryRecord;
import org.cpmserver.jpa.message.MessageRecord;
import org.cpmserver.jpa.preferences.PreferencesRecord;
import org.cpmserver.jpa.registration.Registration;
import org.cpmserver.jpa.subscriber.Subscriber;
import org.flywaydb.core.Flyway;
import org.hibernate.boot.Metadata;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.tool.hbm2ddl.SchemaUpdate;
import org.hibernate.tool.schema.TargetType;
import org.junit.jupiter.api.Test;

/**
 * The schema is written twice, as entities and as Flyway migrations (the migrations own it; the
 * message journal writes its tables with plain JDBC). This builds both on in-memory Derby databases,
 * one by Flyway's migrations and one by Hibernate from the entities exactly as
 * {@code hibernate.hbm2ddl.auto=update} did before Flyway, and requires the same tables, columns
 * (type, size, nullability), primary keys and named indexes. An entity changed without a migration,
 * or a migration that drifts from the entities, fails here instead of at run time.
 */
class SchemaMatchesEntitiesTest {

    private static final Class<?>[] ENTITIES = {Subscriber.class, Registration.class, MessageRecord.class,
            DeliveryRecord.class, PreferencesRecord.class, DeferredRecord.class, DeferredDelivery.class};

    /** Tables that only plain JDBC reads and writes (the event outbox): no entity maps them. */
    private static final List<String> JDBC_ONLY = List.of("CPM_EVENT", "CPM_EVENT_CURSOR");

    @Test
    void flywayMigrationsBuildTheSchemaTheEntitiesMap() throws SQLException {
        String migrated = "jdbc:derby:memory:migrated;create=true";
        Flyway.configure().dataSource(migrated, null, null).locations("classpath:db/migration/derby")
                .failOnMissingLocations(true).load().migrate();

        String derived = "jdbc:derby:memory:derived;create=true";
        StandardServiceRegistry registry = new StandardServiceRegistryBuilder()
                .applySetting("hibernate.connection.url", derived)
                .applySetting("hibernate.connection.driver_class", "org.apache.derby.jdbc.EmbeddedDriver")
                .build();
        try {
            MetadataSources sources = new MetadataSources(registry);
            for (Class<?> entity : ENTITIES) {
                sources.addAnnotatedClass(entity);
            }
            Metadata metadata = sources.buildMetadata();
            SchemaUpdate update = new SchemaUpdate().setHaltOnError(true);
            update.execute(EnumSet.of(TargetType.DATABASE), metadata);
        } finally {
            StandardServiceRegistryBuilder.destroy(registry);
        }

        Map<String, List<String>> fromMigrations = describe(migrated);
        Map<String, List<String>> fromEntities = describe(derived);
        assertEquals(ENTITIES.length, fromEntities.size(), fromEntities.keySet()::toString);
        assertTrue(fromMigrations.containsKey("FLYWAY_SCHEMA_HISTORY") || fromMigrations.containsKey("flyway_schema_history"),
                fromMigrations.keySet()::toString);
        fromMigrations.keySet().removeIf(t -> t.equalsIgnoreCase("flyway_schema_history"));
        assertTrue(fromMigrations.keySet().containsAll(JDBC_ONLY), fromMigrations.keySet()::toString);
        fromMigrations.keySet().removeAll(JDBC_ONLY);
        assertEquals(fromEntities.keySet(), fromMigrations.keySet(), "tables");
        for (String table : fromEntities.keySet()) {
            assertEquals(String.join("\n", fromEntities.get(table)), String.join("\n", fromMigrations.get(table)), table);
        }
    }

    /** Each table of schema APP as lines: columns in order, the primary key, the named indexes. */
    private static Map<String, List<String>> describe(String url) throws SQLException {
        Map<String, List<String>> tables = new TreeMap<>();
        try (Connection c = DriverManager.getConnection(url)) {
            DatabaseMetaData meta = c.getMetaData();
            try (ResultSet t = meta.getTables(null, "APP", "%", new String[] {"TABLE"})) {
                while (t.next()) {
                    tables.put(t.getString("TABLE_NAME"), new ArrayList<>());
                }
            }
            for (Map.Entry<String, List<String>> table : tables.entrySet()) {
                List<String> lines = table.getValue();
                try (ResultSet col = meta.getColumns(null, "APP", table.getKey(), "%")) {
                    while (col.next()) {
                        lines.add("column " + col.getInt("ORDINAL_POSITION") + " " + col.getString("COLUMN_NAME") + " "
                                + col.getString("TYPE_NAME") + "(" + col.getInt("COLUMN_SIZE") + ") "
                                + ("NO".equals(col.getString("IS_NULLABLE")) ? "not null" : "null"));
                    }
                }
                Map<Integer, String> key = new TreeMap<>();
                try (ResultSet pk = meta.getPrimaryKeys(null, "APP", table.getKey())) {
                    while (pk.next()) {
                        key.put(pk.getInt("KEY_SEQ"), pk.getString("COLUMN_NAME"));
                    }
                }
                lines.add("primary key " + key.values());
                Map<String, Map<Integer, String>> indexColumns = new TreeMap<>();
                Map<String, Boolean> unique = new TreeMap<>();
                try (ResultSet ix = meta.getIndexInfo(null, "APP", table.getKey(), false, false)) {
                    while (ix.next()) {
                        String name = ix.getString("INDEX_NAME");
                        if (name == null || name.toUpperCase(Locale.ROOT).startsWith("SQL")) {
                            continue; // Derby's own index behind the primary key: its name is generated
                        }
                        unique.put(name, !ix.getBoolean("NON_UNIQUE"));
                        indexColumns.computeIfAbsent(name, n -> new TreeMap<>())
                                .put((int) ix.getShort("ORDINAL_POSITION"), ix.getString("COLUMN_NAME"));
                    }
                }
                List<String> indexes = new ArrayList<>();
                indexColumns.forEach((name, columns) -> indexes.add((unique.get(name) ? "unique index " : "index ")
                        + name + " " + columns.values()));
                lines.addAll(indexes);
            }
        }
        return tables;
    }
}
