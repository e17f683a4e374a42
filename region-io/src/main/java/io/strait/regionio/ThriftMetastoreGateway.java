package io.strait.regionio;

import io.strait.common.error.ErrorCategory;
import io.strait.common.error.StraitException;
import io.strait.common.metastore.ColumnStatistic;
import io.strait.common.metastore.DatabaseSnapshot;
import io.strait.common.metastore.ForeignKeyRef;
import io.strait.common.metastore.MetastoreGateway;
import io.strait.common.metastore.PartitionRef;
import io.strait.common.metastore.PartitionSnapshot;
import io.strait.common.metastore.ReplicatedCatalog;
import io.strait.common.metastore.StraitParameters;
import io.strait.common.metastore.TableConstraint;
import io.strait.common.metastore.TableRef;
import io.strait.common.metastore.TableSnapshot;
import io.strait.common.region.RegionId;
import io.strait.thrift.ThriftColumnStatistics;
import io.strait.thrift.ThriftConstraints;
import io.strait.thrift.ThriftSnapshots;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hive.common.StatsSetupConst;
import org.apache.hadoop.hive.metastore.HiveMetaStoreClient;
import org.apache.hadoop.hive.metastore.IMetaStoreClient;
import org.apache.hadoop.hive.metastore.Warehouse;
import org.apache.hadoop.hive.metastore.api.AddPartitionsRequest;
import org.apache.hadoop.hive.metastore.api.AllTableConstraintsRequest;
import org.apache.hadoop.hive.metastore.api.AlreadyExistsException;
import org.apache.hadoop.hive.metastore.api.CheckConstraintsRequest;
import org.apache.hadoop.hive.metastore.api.ColumnStatistics;
import org.apache.hadoop.hive.metastore.api.ColumnStatisticsDesc;
import org.apache.hadoop.hive.metastore.api.ColumnStatisticsObj;
import org.apache.hadoop.hive.metastore.api.Database;
import org.apache.hadoop.hive.metastore.api.DefaultConstraintsRequest;
import org.apache.hadoop.hive.metastore.api.DropPartitionsRequest;
import org.apache.hadoop.hive.metastore.api.EnvironmentContext;
import org.apache.hadoop.hive.metastore.api.ForeignKeysRequest;
import org.apache.hadoop.hive.metastore.api.InvalidObjectException;
import org.apache.hadoop.hive.metastore.api.InvalidOperationException;
import org.apache.hadoop.hive.metastore.api.MetaException;
import org.apache.hadoop.hive.metastore.api.NoSuchObjectException;
import org.apache.hadoop.hive.metastore.api.NotNullConstraintsRequest;
import org.apache.hadoop.hive.metastore.api.Partition;
import org.apache.hadoop.hive.metastore.api.PrimaryKeysRequest;
import org.apache.hadoop.hive.metastore.api.RequestPartsSpec;
import org.apache.hadoop.hive.metastore.api.SQLAllTableConstraints;
import org.apache.hadoop.hive.metastore.api.Table;
import org.apache.hadoop.hive.metastore.api.ThriftHiveMetastore;
import org.apache.hadoop.hive.metastore.api.UniqueConstraintsRequest;
import org.apache.hadoop.hive.metastore.api.UnknownDBException;
import org.apache.hadoop.hive.metastore.api.UnknownTableException;
import org.apache.hadoop.hive.metastore.conf.MetastoreConf;
import org.apache.hadoop.hive.metastore.conf.MetastoreConf.ConfVars;
import org.apache.thrift.TApplicationException;
import org.apache.thrift.TException;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link MetastoreGateway} over the Hive Metastore 4 Thrift client ({@link HiveMetaStoreClient}), for Hive Metastore
 * 4.x and 3.1 servers alike: at connect the server's answer decides which requests it gets ({@link MetastoreApi}).
 *
 * <p>Thread safety: a {@code HiveMetaStoreClient} is not thread-safe, so the gateway keeps a small pool of clients
 * ({@link ThriftMetastoreSettings#maxClients()}) and each call borrows one for itself; concurrent callers are safe.
 * A client that failed with a transport error or timeout is discarded and replaced on the next call.
 *
 * <p>Errors: a missing object in a lookup is {@link Optional#empty()}; a refused request (already exists, invalid
 * object or operation, missing object in a change) is a {@code USER_ERROR}; anything else (unreachable, timeout,
 * server failure) is {@code EXTERNAL}. Drops never delete data ({@code deleteData=false}).
 *
 * <p>Statistics: every table and partition write carries Hive's {@code DO_NOT_UPDATE_STATS} environment flag, so the
 * metastore stores the basic statistics it is given (the source's) instead of recomputing them from the replica's
 * version folder. Column statistics are read and written for Hive's engine ({@value #ENGINE}); writing them leaves
 * the object's parameters as they were (the metastore would otherwise mark {@code COLUMN_STATS_ACCURATE} itself,
 * and the replica's parameters must stay the source's).
 */
public final class ThriftMetastoreGateway implements MetastoreGateway, io.strait.common.metastore.NotificationLog {
    private static final Logger LOG = LoggerFactory.getLogger(ThriftMetastoreGateway.class);
    private static final short ALL_PARTITIONS = -1;
    static final String ENGINE = "hive";

    private final RegionId region;
    private final String metastoreUri;
    private final ThriftClientPool clients;
    private final MetastoreApi api;

    private ThriftMetastoreGateway(RegionId region, String metastoreUri, ThriftClientPool clients, MetastoreApi api) {
        this.region = region;
        this.metastoreUri = metastoreUri;
        this.clients = clients;
        this.api = api;
    }

    /** Connects to {@code metastoreUri} ({@code thrift://host:port}) with the default settings. */
    public static ThriftMetastoreGateway connect(RegionId region, String metastoreUri) {
        return connect(region, metastoreUri, ThriftMetastoreSettings.defaults());
    }

    /** Connects to {@code metastoreUri}; fails with an EXTERNAL error at once if it cannot be reached. */
    public static ThriftMetastoreGateway connect(RegionId region, String metastoreUri,
            ThriftMetastoreSettings settings) {
        return connect(region, metastoreUri, settings, Map.of());
    }

    /**
     * Connects to {@code metastoreUri} with {@code clientProperties} (metastore client keys, e.g.
     * {@code metastore.sasl.enabled}, {@code metastore.kerberos.principal}) set on the client's configuration
     * after {@code settings}.
     */
    public static ThriftMetastoreGateway connect(RegionId region, String metastoreUri,
            ThriftMetastoreSettings settings, Map<String, String> clientProperties) {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(metastoreUri, "metastoreUri");
        Configuration conf = clientConfiguration(metastoreUri, settings, clientProperties);
        ThriftClientPool clients = null;
        MetastoreApi api;
        try {
            api = MetastoreApi.of(conf);
            clients = new ThriftClientPool(region + "@" + metastoreUri, () -> api.open(conf), settings.maxClients());
            clients.warmUp();
            LOG.info("region {}: connected to metastore {} ({})", region, metastoreUri, api.description());
        } catch (TException e) {
            if (clients != null) {
                clients.close();
            }
            throw StraitException.external(String.format("Cannot connect to the metastore of region %s (%s): %s. "
                    + "Check that the metastore is running and that regions.%s.metastore-uri is right",
                    region, metastoreUri, e.getMessage(), region), e);
        }
        return new ThriftMetastoreGateway(region, metastoreUri, clients, api);
    }

    /**
     * Which requests a metastore serves, decided by its answer: a Hive Metastore 3.1 answers the 4.x client's
     * {@code get_database_req} with {@code Invalid method name}; it then gets the calls both lines serve
     * ({@link Hive3CompatibleClient}).
     */
    enum MetastoreApi {
        HIVE_4("Hive Metastore 4 requests"),
        HIVE_3("Hive Metastore 3.1 requests");

        private final String description;

        MetastoreApi(String description) {
            this.description = description;
        }

        static MetastoreApi of(Configuration conf) throws TException {
            HiveMetaStoreClient probe = new HiveMetaStoreClient(conf);
            try {
                probe.getDatabase(Warehouse.DEFAULT_DATABASE_NAME);
                return HIVE_4;
            } catch (NoSuchObjectException absent) {
                return HIVE_4;
            } catch (TException e) {
                if (Hive3CompatibleClient.isUnknownMethod(e)) {
                    return HIVE_3;
                }
                throw e;
            } finally {
                probe.close();
            }
        }

        IMetaStoreClient open(Configuration conf) throws TException {
            return this == HIVE_3 ? new Hive3CompatibleClient(conf) : new HiveMetaStoreClient(conf);
        }

        String description() {
            return description;
        }
    }

    static Configuration clientConfiguration(String metastoreUri, ThriftMetastoreSettings settings,
            Map<String, String> clientProperties) {
        Configuration conf = clientConfiguration(metastoreUri, settings);
        clientProperties.forEach(conf::set);
        // the catalog the listeners record, whatever a metastore-site.xml or the region's settings name
        MetastoreConf.setVar(conf, ConfVars.CATALOG_DEFAULT, ReplicatedCatalog.NAME);
        return conf;
    }

    static Configuration clientConfiguration(String metastoreUri, ThriftMetastoreSettings settings) {
        Configuration conf = MetastoreConf.newMetastoreConf();
        MetastoreConf.setVar(conf, ConfVars.THRIFT_URIS, metastoreUri);
        MetastoreConf.setTimeVar(conf, ConfVars.CLIENT_SOCKET_TIMEOUT, settings.socketTimeout().toMillis(),
                TimeUnit.MILLISECONDS);
        MetastoreConf.setLongVar(conf, ConfVars.THRIFT_CONNECTION_RETRIES, settings.connectionRetries());
        MetastoreConf.setTimeVar(conf, ConfVars.CLIENT_CONNECT_RETRY_DELAY, settings.connectRetryDelay().toMillis(),
                TimeUnit.MILLISECONDS);
        MetastoreConf.setVar(conf, ConfVars.CATALOG_DEFAULT, ReplicatedCatalog.NAME);
        return conf;
    }

    @Override
    public RegionId region() {
        return region;
    }

    public String metastoreUri() {
        return metastoreUri;
    }

    @Override
    public List<String> listDatabases() {
        return call("list databases", "(all)", client -> client.getAllDatabases()).stream().sorted().toList();
    }

    @Override
    public Optional<DatabaseSnapshot> getDatabase(String name) {
        return lookup("read database", name, client -> ThriftSnapshots.toSnapshot(client.getDatabase(name)));
    }

    @Override
    public void createDatabase(DatabaseSnapshot database) {
        run("create database", database.name(), client -> client.createDatabase(ThriftSnapshots.toThrift(database)));
    }

    @Override
    public void alterDatabase(DatabaseSnapshot database) {
        run("alter database", database.name(), client -> {
            Database current = client.getDatabase(database.name());
            Database wanted = ThriftSnapshots.toThrift(database);
            current.setDescription(wanted.getDescription());
            current.setParameters(wanted.getParameters());
            current.setOwnerName(wanted.getOwnerName());
            current.setOwnerType(wanted.getOwnerType());
            if (wanted.isSetLocationUri()) {
                current.setLocationUri(wanted.getLocationUri());
            }
            if (wanted.isSetManagedLocationUri()) {
                current.setManagedLocationUri(wanted.getManagedLocationUri());
            }
            client.alterDatabase(database.name(), current);
        });
    }

    @Override
    public boolean holdsHive4DatabaseFields() {
        return api == MetastoreApi.HIVE_4;
    }

    @Override
    public List<String> listDataConnectors() {
        if (api != MetastoreApi.HIVE_4) {
            return List.of();
        }
        return call("list data connectors", "(all)", client -> client.getAllDataConnectorNames()).stream().sorted()
                .toList();
    }

    @Override
    public void dropDatabase(String name) {
        run("drop database", name, client -> client.dropDatabase(name, false, false, false));
    }

    @Override
    public List<String> listTables(String database) {
        return lookup("list tables of database", database, client -> client.getAllTables(database))
                .map(tables -> tables.stream().sorted().toList()).orElse(List.of());
    }

    @Override
    public Optional<TableSnapshot> getTable(TableRef table) {
        return lookup("read table", table.toString(),
                client -> ThriftSnapshots.toSnapshot(client.getTable(table.database(), table.table())));
    }

    @Override
    public void createTable(TableSnapshot table) {
        run("create table", table.ref().toString(), client -> full(client).createTable(ThriftSnapshots.toThrift(table), keepStatistics()));
    }

    @Override
    public void alterTable(TableSnapshot table) {
        run("alter table", table.ref().toString(), client -> client.alter_table_with_environmentContext(
                table.ref().database(), table.ref().table(), ThriftSnapshots.toThrift(table), keepStatistics()));
    }

    /**
     * One {@code alter_table} under the old name with the new name in the table object: the metastore renames the
     * table and its partitions; for an external table (every replica) no data moves and locations stay as given.
     */
    @Override
    public void renameTable(TableRef from, TableSnapshot renamed) {
        run("rename table", from + " to " + renamed.ref(), client -> client.alter_table_with_environmentContext(
                from.database(), from.table(), ThriftSnapshots.toThrift(renamed), keepStatistics()));
    }

    @Override
    public void dropTable(TableRef table) {
        run("drop table", table.toString(), client -> client.dropTable(table.database(), table.table(), false, false));
    }

    /** The table's partitions; a missing table is a USER_ERROR (the metastore itself answers an empty list). */
    @Override
    public List<PartitionSnapshot> listPartitions(TableRef table) {
        return call("list partitions of table", table.toString(), client -> {
            List<PartitionSnapshot> partitions = new ArrayList<>();
            for (Partition partition : client.listPartitions(table.database(), table.table(), ALL_PARTITIONS)) {
                partitions.add(ThriftSnapshots.toSnapshot(partition));
            }
            if (partitions.isEmpty()) {
                client.getTable(table.database(), table.table());
            }
            return partitions;
        });
    }

    @Override
    public Optional<PartitionSnapshot> getPartition(PartitionRef partition) {
        return lookup("read partition", partition.toString(), client -> ThriftSnapshots.toSnapshot(
                client.getPartition(partition.table().database(), partition.table().table(), partition.values())));
    }

    /** Adds the partition with its own columns and storage. */
    @Override
    public void addPartition(PartitionSnapshot partition) {
        run("add partition", partition.ref().toString(), client -> keepGivenParameters(client, List.of(partition),
                List.of(full(client).add_partition(ThriftSnapshots.toThrift(partition), keepStatistics()))));
    }

    /**
     * Reads the partition, then replaces its location, columns, storage and parameters in one call (two for a
     * partition stored without columns that loses serde or storage parameters:
     * {@link ThriftSnapshots#removesParametersOfAPartitionWithoutColumns}).
     */
    @Override
    public void alterPartition(PartitionSnapshot partition) {
        TableRef table = partition.ref().table();
        run("alter partition", partition.ref().toString(), client -> {
            Partition existing = client.getPartition(table.database(), table.table(), partition.ref().values());
            Partition changed = ThriftSnapshots.withSnapshot(existing, partition);
            if (ThriftSnapshots.removesParametersOfAPartitionWithoutColumns(existing, changed)) {
                client.alter_partition(table.database(), table.table(), existing, keepStatistics());
            }
            client.alter_partition(table.database(), table.table(), changed, keepStatistics());
        });
    }

    /**
     * One {@code get_partitions_by_names} call; partitions are matched to the references by their values. One
     * partition is read with {@code get_partition}, which a metastore answers faster.
     */
    @Override
    public Map<PartitionRef, PartitionSnapshot> getPartitions(TableSnapshot table, List<PartitionRef> partitions) {
        if (partitions.isEmpty()) {
            return Map.of();
        }
        if (partitions.size() == 1) {
            return getPartition(partitions.get(0)).map(found -> Map.of(partitions.get(0), found)).orElse(Map.of());
        }
        return call("read partitions of table", table.ref().toString(), client -> {
            Map<List<String>, PartitionRef> byValues = new LinkedHashMap<>();
            partitions.forEach(partition -> byValues.put(partition.values(), partition));
            Map<PartitionRef, PartitionSnapshot> found = new LinkedHashMap<>();
            for (Partition partition : partitionsByNames(client, table, partitions)) {
                PartitionRef ref = byValues.get(partition.getValues());
                if (ref != null) {
                    found.put(ref, ThriftSnapshots.toSnapshot(partition));
                }
            }
            return found;
        });
    }

    /**
     * One {@code add_partitions_req} (one metastore transaction) that keeps the statistics parameters given. A 3.1
     * server ignores the environment context of that request and would recompute statistics parameters, so there each
     * partition is one {@code add_partition} call, as {@link #addPartition}.
     */
    @Override
    public void addPartitions(List<PartitionSnapshot> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        TableRef table = sameTable(partitions);
        run("add partitions to table", table + " (" + partitions.size() + ")", client -> {
            List<Partition> thrift = partitions.stream().map(ThriftSnapshots::toThrift).toList();
            if (client instanceof Hive3CompatibleClient) {
                for (Partition partition : thrift) {
                    full(client).add_partition(partition, keepStatistics());
                }
                return;
            }
            AddPartitionsRequest request = new AddPartitionsRequest(table.database(), table.table(),
                    new ArrayList<>(thrift), false);
            request.setNeedResult(true);
            request.setEnvironmentContext(keepStatistics());
            keepGivenParameters(client, partitions, new ThriftHiveMetastore.Client(
                    new TBinaryProtocol(full(client).getTTransport())).add_partitions_req(request).getPartitions());
        });
    }

    /**
     * Alters back to the parameters given the partitions just added whose stored parameters (as the metastore
     * returned them) differ from those given: Hive Metastore 4.0.1 recomputes the basic statistics of a partition
     * added over a folder that already holds files (a replica's version folder, published after its copy), whatever
     * the environment context says, while an alter keeps them. No call when none differs.
     */
    private static void keepGivenParameters(IMetaStoreClient client, List<PartitionSnapshot> given,
            List<Partition> added) throws TException {
        Map<List<String>, PartitionSnapshot> byValues = new HashMap<>();
        given.forEach(partition -> byValues.put(partition.ref().values(), partition));
        List<Partition> restored = new ArrayList<>();
        for (Partition stored : added == null ? List.<Partition>of() : added) {
            PartitionSnapshot wanted = byValues.get(stored.getValues());
            if (wanted != null && !StraitParameters.comparable(Objects.requireNonNullElse(stored.getParameters(),
                    Map.of())).equals(StraitParameters.comparable(wanted.parameters()))) {
                restored.add(ThriftSnapshots.withSnapshot(stored, wanted));
            }
        }
        if (!restored.isEmpty()) {
            TableRef table = given.get(0).ref().table();
            LOG.debug("{} partition(s) of {} added with recomputed statistics parameters: altered back to the"
                    + " source's", restored.size(), table);
            full(client).alter_partitions(table.database(), table.table(), restored, keepStatistics());
        }
    }

    /**
     * Reads the partitions (one call), then replaces their location, columns, storage and parameters in one call
     * (after one that alters unchanged those stored without columns that lose serde or storage parameters:
     * {@link ThriftSnapshots#removesParametersOfAPartitionWithoutColumns}).
     */
    @Override
    public void alterPartitions(TableSnapshot snapshot, List<PartitionSnapshot> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        TableRef table = sameTable(partitions);
        run("alter partitions of table", table + " (" + partitions.size() + ")", client -> {
            Map<List<String>, Partition> existing = new HashMap<>();
            partitionsByNames(client, snapshot, partitions.stream().map(PartitionSnapshot::ref).toList())
                    .forEach(partition -> existing.put(partition.getValues(), partition));
            List<Partition> changed = new ArrayList<>();
            List<Partition> withoutColumnDescriptor = new ArrayList<>();
            for (PartitionSnapshot partition : partitions) {
                Partition current = existing.get(partition.ref().values());
                if (current == null) {
                    throw new NoSuchObjectException("partition " + partition.ref() + " does not exist");
                }
                Partition next = ThriftSnapshots.withSnapshot(current, partition);
                if (ThriftSnapshots.removesParametersOfAPartitionWithoutColumns(current, next)) {
                    withoutColumnDescriptor.add(current);
                }
                changed.add(next);
            }
            if (!withoutColumnDescriptor.isEmpty()) {
                full(client).alter_partitions(table.database(), table.table(), withoutColumnDescriptor,
                        keepStatistics());
            }
            full(client).alter_partitions(table.database(), table.table(), changed, keepStatistics());
        });
    }

    private static List<Partition> partitionsByNames(IMetaStoreClient client, TableSnapshot table,
            List<PartitionRef> partitions) throws TException {
        List<String> names = partitions.stream().map(partition -> table.partitionName(partition.values())).toList();
        return client.getPartitionsByNames(table.ref().database(), table.ref().table(), names);
    }

    private static TableRef sameTable(List<PartitionSnapshot> partitions) {
        TableRef table = partitions.get(0).ref().table();
        if (partitions.stream().anyMatch(partition -> !partition.ref().table().equals(table))) {
            throw new IllegalArgumentException("partitions of several tables in one call: " + partitions.stream()
                    .map(partition -> partition.ref().table().toString()).distinct().toList());
        }
        return table;
    }

    @Override
    public void dropPartition(PartitionRef partition) {
        run("drop partition", partition.toString(), client -> client.dropPartition(partition.table().database(),
                partition.table().table(), partition.values(), false));
    }

    /**
     * One {@code drop_partitions_req} by the partitions' names (one metastore transaction: all are dropped or none),
     * keeping the data ({@code deleteData=false}, as {@link #dropPartition}) and failing when one is not there
     * ({@code ifExists=false}: the caller read them, so a partition gone meanwhile is for its own path to find).
     */
    @Override
    public void dropPartitions(TableSnapshot snapshot, List<PartitionRef> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        TableRef table = snapshot.ref();
        if (partitions.stream().anyMatch(partition -> !partition.table().equals(table))) {
            throw new IllegalArgumentException("partitions of several tables in one call: " + partitions);
        }
        List<String> names = partitions.stream().map(partition -> snapshot.partitionName(partition.values()))
                .toList();
        run("drop partitions of table", table + " (" + partitions.size() + ")", client -> {
            DropPartitionsRequest request = new DropPartitionsRequest(table.database(), table.table(),
                    RequestPartsSpec.names(new ArrayList<>(names)));
            request.setDeleteData(false);
            request.setIfExists(false);
            request.setNeedResult(false);
            new ThriftHiveMetastore.Client(new TBinaryProtocol(full(client).getTTransport()))
                    .drop_partitions_req(request);
        });
    }

    @Override
    public List<ColumnStatistic> getTableColumnStatistics(TableRef table) {
        return call("read column statistics of table", table.toString(), client -> {
            Table thrift = client.getTable(table.database(), table.table());
            return ThriftColumnStatistics.toStatistics(client.getTableColumnStatistics(table.database(),
                    table.table(), columnNames(thrift), ENGINE));
        });
    }

    @Override
    public Map<PartitionRef, List<ColumnStatistic>> getPartitionColumnStatistics(TableSnapshot snapshot,
            List<PartitionRef> partitions) {
        if (partitions.isEmpty()) {
            return Map.of();
        }
        TableRef table = snapshot.ref();
        return call("read column statistics of partitions of table", table.toString(), client -> {
            Map<String, PartitionRef> byName = new LinkedHashMap<>();
            partitions.forEach(partition -> byName.put(snapshot.partitionName(partition.values()), partition));
            Map<PartitionRef, List<ColumnStatistic>> result = new HashMap<>();
            client.getPartitionColumnStatistics(table.database(), table.table(), new ArrayList<>(byName.keySet()),
                    columnNames(snapshot), ENGINE).forEach((name, objects) -> {
                        PartitionRef partition = byName.get(name);
                        if (partition != null && !objects.isEmpty()) {
                            result.put(partition, ThriftColumnStatistics.toStatistics(objects));
                        }
                    });
            return result;
        });
    }

    @Override
    public void replaceTableColumnStatistics(TableRef table, List<ColumnStatistic> statistics) {
        run("write column statistics of table", table.toString(), client -> {
            Table thrift = client.getTable(table.database(), table.table());
            List<String> kept = statistics.stream().map(ColumnStatistic::column).toList();
            for (ColumnStatisticsObj held : client.getTableColumnStatistics(table.database(), table.table(),
                    columnNames(thrift), ENGINE)) {
                if (!kept.contains(held.getColName())) {
                    client.deleteTableColumnStatistics(table.database(), table.table(), held.getColName(), ENGINE);
                }
            }
            if (!statistics.isEmpty()) {
                ColumnStatisticsDesc desc = new ColumnStatisticsDesc(true, table.database(), table.table());
                client.updateTableColumnStatistics(columnStatistics(desc, statistics));
                Table updated = client.getTable(table.database(), table.table());
                if (!updated.getParameters().equals(thrift.getParameters())) {
                    updated.setParameters(thrift.getParameters());
                    client.alter_table_with_environmentContext(table.database(), table.table(), updated,
                            keepStatistics());
                }
            }
        });
    }

    @Override
    public void replacePartitionColumnStatistics(TableSnapshot snapshot, PartitionRef partition,
            List<ColumnStatistic> statistics) {
        TableRef table = partition.table();
        run("write column statistics of partition", partition.toString(), client -> {
            String name = snapshot.partitionName(partition.values());
            List<String> kept = statistics.stream().map(ColumnStatistic::column).toList();
            List<ColumnStatisticsObj> held = client.getPartitionColumnStatistics(table.database(), table.table(),
                    List.of(name), columnNames(snapshot), ENGINE).getOrDefault(name, List.of());
            for (ColumnStatisticsObj column : held) {
                if (!kept.contains(column.getColName())) {
                    client.deletePartitionColumnStatistics(table.database(), table.table(), name,
                            column.getColName(), ENGINE);
                }
            }
            if (!statistics.isEmpty()) {
                Partition before = client.getPartition(table.database(), table.table(), partition.values());
                ColumnStatisticsDesc desc = new ColumnStatisticsDesc(false, table.database(), table.table());
                desc.setPartName(name);
                client.updatePartitionColumnStatistics(columnStatistics(desc, statistics));
                Partition updated = client.getPartition(table.database(), table.table(), partition.values());
                if (!updated.getParameters().equals(before.getParameters())) {
                    updated.setParameters(before.getParameters());
                    client.alter_partition(table.database(), table.table(), updated, keepStatistics());
                }
            }
        });
    }

    /**
     * The table's constraints: on a Hive Metastore 4 one {@code get_all_table_constraints}; on 3.1, which lacks it,
     * {@code get_primary_keys}, {@code get_foreign_keys} (the table as the foreign side),
     * {@code get_unique_constraints}, {@code get_not_null_constraints}, {@code get_default_constraints} and
     * {@code get_check_constraints}. The table is read first: a missing table is a USER_ERROR (the metastore itself
     * answers no constraints).
     */
    @Override
    public List<TableConstraint> getConstraints(TableRef table) {
        return call("read constraints of table", table.toString(), client -> {
            client.getTable(table.database(), table.table());
            return constraints(client, table);
        });
    }

    /** One {@code get_foreign_keys} with the parent named and no child: every foreign key referring to it. */
    @Override
    public List<ForeignKeyRef> getForeignKeysReferencing(TableRef parent) {
        return call("read foreign keys referring to table", parent.toString(), client -> {
            ForeignKeysRequest request = new ForeignKeysRequest(parent.database(), parent.table(), null, null);
            request.setCatName(ReplicatedCatalog.NAME);
            return client.getForeignKeys(request).stream()
                    .map(row -> new ForeignKeyRef(TableRef.of(row.getFktable_db(), row.getFktable_name()),
                            row.getFk_name()))
                    .distinct().toList();
        });
    }

    /**
     * Reads the table's constraints (as {@link #getConstraints}); when they are those wanted, nothing else. Otherwise
     * one {@code drop_constraint} for each held that is not wanted or differs, foreign keys first, then one add call
     * ({@code add_primary_key}, {@code add_unique_constraint}, {@code add_foreign_key},
     * {@code add_not_null_constraint}, {@code add_default_constraint}, {@code add_check_constraint}) for each wanted
     * that is not held, in {@link TableConstraint#ORDER} (keys before the foreign keys referring to them). An add the
     * metastore answers with an error (a missing parent table or key, a name taken, a missing column) is left out and
     * reported as {@code "<describe()>: <metastore message>"}; a transport failure ends the call (EXTERNAL).
     */
    @Override
    public List<String> replaceConstraints(TableRef table, List<TableConstraint> wanted) {
        List<TableConstraint> target = TableConstraint.sorted(wanted);
        return call("write constraints of table", table.toString(), client -> {
            client.getTable(table.database(), table.table());
            List<TableConstraint> held = constraints(client, table);
            for (TableConstraint constraint : constraintsToDrop(held, target)) {
                client.dropConstraint(ReplicatedCatalog.NAME, table.database(), table.table(), constraint.name());
            }
            List<String> leftOut = new ArrayList<>();
            for (TableConstraint constraint : constraintsToAdd(held, target)) {
                String refusal;
                try {
                    refusal = missingParent(client, constraint);
                    if (refusal == null) {
                        addConstraint(client, ThriftConstraints.toThrift(table, constraint));
                    }
                } catch (MetaException | InvalidObjectException | NoSuchObjectException | AlreadyExistsException
                        | InvalidOperationException refused) {
                    refusal = refused.getMessage();
                } catch (TApplicationException refused) {
                    // the add calls declare only NoSuchObject and Meta exceptions: the server answers those it throws
                    // besides (InvalidObjectException: a missing column, a name taken) as an internal error
                    if (refused.getType() != TApplicationException.INTERNAL_ERROR) {
                        throw refused;
                    }
                    refusal = refused.getMessage();
                } catch (IllegalArgumentException invalid) {
                    refusal = invalid.getMessage();
                }
                if (refusal != null) {
                    leftOut.add(constraint.describe() + ": " + refusal); // the caller reports it
                }
            }
            return leftOut;
        });
    }

    /**
     * Those of {@code held} not in {@code wanted} (absent, or differing from the one of their name), foreign keys
     * first.
     */
    static List<TableConstraint> constraintsToDrop(List<TableConstraint> held, List<TableConstraint> wanted) {
        return held.stream().filter(constraint -> !wanted.contains(constraint))
                .sorted(Comparator.comparing(
                        (TableConstraint constraint) -> constraint.kind() != TableConstraint.Kind.FOREIGN_KEY)
                        .thenComparing(TableConstraint.ORDER))
                .toList();
    }

    /** Those of {@code wanted} not in {@code held}, in {@link TableConstraint#ORDER}: keys before foreign keys. */
    static List<TableConstraint> constraintsToAdd(List<TableConstraint> held, List<TableConstraint> wanted) {
        return TableConstraint.sorted(wanted).stream().filter(constraint -> !held.contains(constraint)).toList();
    }

    private static List<TableConstraint> constraints(IMetaStoreClient client, TableRef table) throws TException {
        String db = table.database();
        String name = table.table();
        if (client instanceof Hive3CompatibleClient) {
            SQLAllTableConstraints all = new SQLAllTableConstraints();
            PrimaryKeysRequest primaryKeys = new PrimaryKeysRequest(db, name);
            primaryKeys.setCatName(ReplicatedCatalog.NAME);
            all.setPrimaryKeys(client.getPrimaryKeys(primaryKeys));
            ForeignKeysRequest foreignKeys = new ForeignKeysRequest(null, null, db, name);
            foreignKeys.setCatName(ReplicatedCatalog.NAME);
            all.setForeignKeys(client.getForeignKeys(foreignKeys));
            all.setUniqueConstraints(client.getUniqueConstraints(
                    new UniqueConstraintsRequest(ReplicatedCatalog.NAME, db, name)));
            all.setNotNullConstraints(client.getNotNullConstraints(
                    new NotNullConstraintsRequest(ReplicatedCatalog.NAME, db, name)));
            all.setDefaultConstraints(client.getDefaultConstraints(
                    new DefaultConstraintsRequest(ReplicatedCatalog.NAME, db, name)));
            all.setCheckConstraints(client.getCheckConstraints(
                    new CheckConstraintsRequest(ReplicatedCatalog.NAME, db, name)));
            return ThriftConstraints.toConstraints(all);
        }
        return ThriftConstraints.toConstraints(client.getAllTableConstraints(
                new AllTableConstraintsRequest(db, name, ReplicatedCatalog.NAME)));
    }

    /**
     * Why a foreign key cannot be added when its parent table is not there, else {@code null}: the metastore refuses
     * it with an {@code InvalidObjectException} that {@code add_foreign_key} does not declare, so its client gets an
     * internal error without the reason.
     */
    private static String missingParent(IMetaStoreClient client, TableConstraint constraint) throws TException {
        int dot = constraint.referencedTable().indexOf('.');
        if (constraint.kind() != TableConstraint.Kind.FOREIGN_KEY || dot <= 0) {
            return null;
        }
        try {
            client.getTable(constraint.referencedTable().substring(0, dot),
                    constraint.referencedTable().substring(dot + 1));
            return null;
        } catch (NoSuchObjectException | UnknownDBException | UnknownTableException absent) {
            return "parent table " + constraint.referencedTable() + " does not exist";
        }
    }

    /** One add call: {@code rows} holds the rows of one constraint, in the list of its kind. */
    private static void addConstraint(IMetaStoreClient client, SQLAllTableConstraints rows) throws TException {
        if (rows.isSetPrimaryKeys()) {
            client.addPrimaryKey(rows.getPrimaryKeys());
        } else if (rows.isSetUniqueConstraints()) {
            client.addUniqueConstraint(rows.getUniqueConstraints());
        } else if (rows.isSetForeignKeys()) {
            client.addForeignKey(rows.getForeignKeys());
        } else if (rows.isSetNotNullConstraints()) {
            client.addNotNullConstraint(rows.getNotNullConstraints());
        } else if (rows.isSetDefaultConstraints()) {
            client.addDefaultConstraint(rows.getDefaultConstraints());
        } else if (rows.isSetCheckConstraints()) {
            client.addCheckConstraint(rows.getCheckConstraints());
        }
    }

    private static ColumnStatistics columnStatistics(ColumnStatisticsDesc desc, List<ColumnStatistic> statistics) {
        ColumnStatistics thrift = new ColumnStatistics(desc,
                statistics.stream().map(ThriftColumnStatistics::toThrift).toList());
        thrift.setEngine(ENGINE);
        return thrift;
    }

    private static List<String> columnNames(TableSnapshot table) {
        return table.columns().stream().map(io.strait.common.metastore.ColumnSpec::name).toList();
    }

    private static List<String> columnNames(Table table) {
        return table.getSd() == null || table.getSd().getCols() == null ? List.of()
                : table.getSd().getCols().stream().map(field -> field.getName()).toList();
    }

    /** Tells the metastore to store the statistics parameters it is given, not to recompute them. */
    private static EnvironmentContext keepStatistics() {
        return new EnvironmentContext(new HashMap<>(Map.of(StatsSetupConst.DO_NOT_UPDATE_STATS, StatsSetupConst.TRUE)));
    }

    /** The pool's clients are {@link HiveMetaStoreClient}s, which take an environment context on more calls. */
    private static HiveMetaStoreClient full(IMetaStoreClient client) {
        return (HiveMetaStoreClient) client;
    }

    @Override
    public void close() {
        clients.close();
        LOG.info("region {}: closed metastore gateway {}", region, metastoreUri);
    }

    private interface ClientAction {
        void run(IMetaStoreClient client) throws TException;
    }

    private void run(String action, String object, ClientAction body) {
        call(action, object, client -> {
            body.run(client);
            return null;
        });
    }

    private <T> Optional<T> lookup(String action, String object, ThriftClientPool.ClientCall<T> body) {
        try {
            return Optional.of(clients.call(body));
        } catch (NoSuchObjectException | UnknownDBException | UnknownTableException absent) {
            return Optional.empty();
        } catch (TException | RuntimeException e) {
            throw translate(action, object, e);
        }
    }

    /** {@code get_current_notificationEventId}: the newest id of the metastore's notification log. */
    @Override
    public long currentNotificationId() {
        return call("read the current notification id", "of the notification log",
                client -> client.getCurrentNotificationEventId().getEventId());
    }

    /** {@code get_next_notification}: up to {@code max} entries of the notification log after {@code afterId}. */
    @Override
    public List<io.strait.common.metastore.NotificationEntry> notificationsAfter(long afterId, int max) {
        return call("read the notification log", "after id " + afterId, client -> {
            org.apache.hadoop.hive.metastore.api.NotificationEventRequest request =
                    new org.apache.hadoop.hive.metastore.api.NotificationEventRequest(afterId);
            request.setMaxEvents(max);
            // gaps allowed: entries the metastore's cleaner deleted are the caller's to detect (expired)
            org.apache.hadoop.hive.metastore.api.NotificationEventResponse response =
                    client.getNextNotification(request, true, null);
            List<io.strait.common.metastore.NotificationEntry> entries = new java.util.ArrayList<>();
            if (response != null && response.getEvents() != null) {
                for (org.apache.hadoop.hive.metastore.api.NotificationEvent event : response.getEvents()) {
                    entries.add(new io.strait.common.metastore.NotificationEntry(event.getEventId(),
                            event.getEventTime(), event.getEventType(), event.getDbName(), event.getTableName(),
                            event.getMessage(), event.getMessageFormat(), event.getCatName()));
                }
            }
            return entries;
        });
    }

    private <T> T call(String action, String object, ThriftClientPool.ClientCall<T> body) {
        try {
            return clients.call(body);
        } catch (TException | RuntimeException e) {
            throw translate(action, object, e);
        }
    }

    private StraitException translate(String action, String object, Exception error) {
        if (error instanceof StraitException strait) {
            return strait;
        }
        ErrorCategory category = categoryOf(error);
        String next = category == ErrorCategory.USER_ERROR
                ? "Check the object and the request"
                : "Check that the metastore is running and reachable, then retry";
        String message = String.format("Cannot %s %s in the metastore of region %s (%s): %s. %s", action, object,
                region, metastoreUri, reason(error), next);
        return new StraitException(category, message, error);
    }

    static ErrorCategory categoryOf(Exception error) {
        if (error instanceof AlreadyExistsException || error instanceof InvalidObjectException
                || error instanceof InvalidOperationException || error instanceof NoSuchObjectException
                || error instanceof UnknownDBException || error instanceof UnknownTableException) {
            return ErrorCategory.USER_ERROR;
        }
        return ErrorCategory.EXTERNAL;
    }

    private static String reason(Exception error) {
        String message = error.getMessage();
        String kind = error.getClass().getSimpleName();
        return message == null || message.isBlank() ? kind : kind + ": " + message;
    }
}
