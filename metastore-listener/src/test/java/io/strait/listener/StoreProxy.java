package io.strait.listener;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy on 127.0.0.1 in front of the state store, for fault tests: {@link #freeze()} keeps accepting
 * connections but forwards nothing in either direction (a store that hangs: connects succeed, nothing answers) until
 * {@link #thaw()}; {@link #refuse()} closes the listening socket and every open connection (connection refused)
 * until {@link #accept()}. Its port stays the same throughout.
 */
final class StoreProxy implements AutoCloseable {
    private final InetSocketAddress target;
    private final int port;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile ServerSocket server;
    private volatile boolean frozen;
    private volatile boolean closed;

    private StoreProxy(InetSocketAddress target) throws IOException {
        this.target = target;
        this.server = listen(0);
        this.port = server.getLocalPort();
        startAccepting(server);
    }

    /** A proxy to {@code host:port}. */
    static StoreProxy to(String host, int port) throws IOException {
        return new StoreProxy(new InetSocketAddress(host, port));
    }

    /** {@code jdbcUrl} (jdbc:mysql://host:port/...) with its host and port replaced by the proxy's. */
    String proxied(String jdbcUrl) {
        return jdbcUrl.replaceFirst("//[^/]+/", "//127.0.0.1:" + port + "/");
    }

    int port() {
        return port;
    }

    void freeze() {
        frozen = true;
    }

    void thaw() {
        frozen = false;
    }

    /** Connection refused from now on: the listening socket and every open connection are closed. */
    void refuse() throws IOException {
        ServerSocket current = server;
        server = null;
        if (current != null) {
            current.close();
        }
        closeConnections();
    }

    /** Accepts connections again (after {@link #refuse()}), on the same port. */
    void accept() throws IOException {
        if (server == null) {
            server = listen(port);
            startAccepting(server);
        }
    }

    private static ServerSocket listen(int port) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        return socket;
    }

    private void startAccepting(ServerSocket listening) {
        Thread acceptor = new Thread(() -> {
            while (!listening.isClosed()) {
                try {
                    Socket client = listening.accept();
                    connect(client);
                } catch (IOException e) {
                    return; // closed
                }
            }
        }, "store-proxy-accept-" + port);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void connect(Socket client) throws IOException {
        Socket upstream = new Socket();
        try {
            upstream.connect(target, 5_000);
        } catch (IOException e) {
            client.close();
            return;
        }
        open.add(client);
        open.add(upstream);
        pump(client, upstream);
        pump(upstream, client);
    }

    /** Copies from one socket to the other, holding every chunk while frozen; closes both at the end. */
    private void pump(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[64 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    while (frozen && !closed && !from.isClosed()) {
                        Thread.sleep(5);
                    }
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // a side closed
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        }, "store-proxy-pump-" + port);
        thread.setDaemon(true);
        thread.start();
    }

    private void closeConnections() {
        for (Socket socket : open) {
            closeQuietly(socket);
        }
        open.clear();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        ServerSocket current = server;
        if (current != null) {
            current.close();
        }
        closeConnections();
    }
}
