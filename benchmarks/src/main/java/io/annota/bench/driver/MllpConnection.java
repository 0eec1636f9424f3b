package io.annota.bench.driver;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * A bare MLLP client connection: {@code 0x0b <message> 0x1c 0x0d} out, one acknowledgement frame back. One message
 * at a time. Not thread-safe.
 */
public final class MllpConnection implements AutoCloseable {

    static final int START_BLOCK = 0x0b;
    static final int END_BLOCK = 0x1c;
    static final int CARRIAGE_RETURN = 0x0d;

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;

    public MllpConnection(String host, int port, int timeoutMillis) throws IOException {
        socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            socket.setTcpNoDelay(true);
            out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
            in = new BufferedInputStream(socket.getInputStream(), 8 * 1024);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /**
     * Sends one message and waits for the acknowledgement frame.
     *
     * @return the frame's content (without the framing bytes)
     * @throws java.net.SocketTimeoutException if no complete frame arrives within the timeout
     * @throws IOException if the connection fails or closes
     */
    public byte[] exchange(byte[] message) throws IOException {
        out.write(START_BLOCK);
        out.write(message);
        out.write(END_BLOCK);
        out.write(CARRIAGE_RETURN);
        out.flush();
        int b = in.read();
        while (b != START_BLOCK) {
            if (b < 0) {
                throw new IOException("connection closed before an acknowledgement");
            }
            b = in.read();
        }
        ByteArrayOutputStream frame = new ByteArrayOutputStream(256);
        while ((b = in.read()) != END_BLOCK) {
            if (b < 0) {
                throw new IOException("connection closed inside an acknowledgement");
            }
            frame.write(b);
        }
        int trailer = in.read();
        if (trailer != CARRIAGE_RETURN) {
            throw new IOException("acknowledgement frame without its closing carriage return");
        }
        return frame.toByteArray();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
