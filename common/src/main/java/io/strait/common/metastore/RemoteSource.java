package io.strait.common.metastore;

/**
 * Where the tables of a Hive Metastore 4 remote database come from: a data connector of its metastore and the name
 * of the database behind it ({@code CREATE REMOTE DATABASE ... USING connector WITH DBPROPERTIES
 * ("connector.remoteDbName"=...)}). The metastore holds none of those tables: it asks the connector. {@link #NONE}:
 * a native database, whose tables the metastore holds.
 */
public record RemoteSource(String connector, String remoteDatabase) {
    public static final RemoteSource NONE = new RemoteSource("", "");

    public RemoteSource {
        connector = connector == null ? "" : connector;
        remoteDatabase = remoteDatabase == null ? "" : remoteDatabase;
    }

    public boolean isRemote() {
        return !connector.isEmpty();
    }

    @Override
    public String toString() {
        return isRemote() ? "remote database " + remoteDatabase + " of data connector " + connector : "native";
    }
}
