package io.strait.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Picks free local ports and checks whether a local port accepts connections. */
final class PortProbe {
    static final String HOST = "127.0.0.1";
    private static final int CONNECT_TIMEOUT_MILLIS = 500;

    private PortProbe() {
    }

    /** A port that was free a moment ago (the caller binds it soon after). */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot pick a free local port", e);
        }
    }

    /** True when something accepts TCP connections on {@code port} of the loopback address. */
    static boolean answers(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, port), CONNECT_TIMEOUT_MILLIS);
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }
}
