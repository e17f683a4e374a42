/**
 * Strait's state store on MySQL or MariaDB: {@link io.strait.sql.StateStore} opens the pool and runs the Flyway
 * migrations ({@code db/migration}: Strait's tables and Quartz's); the subpackages implement the {@code common}
 * SPIs with plain JDBC: {@code event} ({@code EventLog}), {@code job} ({@code JobStore}), {@code divergence}
 * ({@code DivergenceStore}), {@code report} ({@code ReportQueries}) and {@code watermark} (per-table freshness).
 * Every store takes a {@link javax.sql.DataSource} (and a {@link java.time.Clock} where it stamps times) and turns
 * JDBC failures into categorised {@link io.strait.common.error.StraitException}s.
 */
package io.strait.sql;
