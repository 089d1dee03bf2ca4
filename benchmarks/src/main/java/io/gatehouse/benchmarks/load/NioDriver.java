package io.gatehouse.benchmarks.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Drives many concurrent clients, each a keep-alive HTTP/1.1 connection with one request in flight,
 * from a few selector threads, as wrk does. A thread per client (the harness's first design) cost
 * the load generator about half of its CPU in the kernel's thread wake-ups, on the two cores it
 * shares with the server and MariaDB; a selector thread serves whichever connections are ready in
 * one wake-up. Clients are still independent: each waits for its answer before it sends again.
 */
final class NioDriver {
    /** One client's script: the requests (head and body, ready to send) of its {@code n}-th operation. */
    interface Script {
        List<byte[]> operation(int n);

        /** Whether an answer counts as a success; {@code body} holds it from {@code from} to {@code to}. */
        default boolean accepts(int status, byte[] body, int from, int to) {
            return status == 200;
        }
    }

    /** Makes the script of client {@code c}; called on the thread that drives it. */
    interface Scripts {
        Script client(int c);
    }

    private NioDriver() {}

    /**
     * Runs {@code clients} clients against {@code host:port} for {@code length}, on {@code threads}
     * selector threads; an operation succeeds when each of its answers has status 200.
     */
    static QueryLoad.Result run(String scenario, String host, int port, int clients, int threads, Duration length,
            Scripts scripts) throws InterruptedException {
        AtomicLong errors = new AtomicLong();
        long end = System.nanoTime() + length.toNanos();
        long started = System.nanoTime();
        List<Thread> running = new ArrayList<>();
        List<long[]> latencies = new ArrayList<>();
        List<int[]> counts = new ArrayList<>();
        List<long[]> requestLatencies = new ArrayList<>();
        List<int[]> requestCounts = new ArrayList<>();
        List<Recorder> recorders = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            List<Integer> mine = new ArrayList<>();
            for (int c = t; c < clients; c += threads) {
                mine.add(c);
            }
            long[] micros = new long[2_000_000];
            int[] count = new int[1];
            latencies.add(micros);
            counts.add(count);
            long[] requestMicros = new long[2_000_000];
            int[] requestCount = new int[1];
            requestLatencies.add(requestMicros);
            requestCounts.add(requestCount);
            Recorder recorder = new Recorder(requestMicros, requestCount, TRACE == null ? null : new StringBuilder(),
                    started);
            recorders.add(recorder);
            Thread thread = new Thread(() -> drive(host, port, mine, scripts, end, micros, count, recorder, errors,
                    clients, started), "load-" + t);
            running.add(thread);
            thread.start();
        }
        for (Thread thread : running) {
            thread.join();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        if (TRACE != null) {
            StringBuilder all = new StringBuilder();
            recorders.forEach(r -> all.append(r.trace()));
            try {
                java.nio.file.Files.writeString(java.nio.file.Path.of(TRACE), all);
            } catch (IOException e) {
                throw new IllegalStateException("cannot write the latency trace " + TRACE + ": " + e.getMessage(), e);
            }
        }
        int total = counts.stream().mapToInt(c -> c[0]).sum();
        long[] all = new long[total];
        int k = 0;
        for (int t = 0; t < threads; t++) {
            System.arraycopy(latencies.get(t), 0, all, k, counts.get(t)[0]);
            k += counts.get(t)[0];
        }
        Arrays.sort(all);
        int requests = requestCounts.stream().mapToInt(c -> c[0]).sum();
        long[] perRequest = null;
        if (requests > total) {
            perRequest = new long[requests];
            k = 0;
            for (int t = 0; t < threads; t++) {
                System.arraycopy(requestLatencies.get(t), 0, perRequest, k, requestCounts.get(t)[0]);
                k += requestCounts.get(t)[0];
            }
            Arrays.sort(perRequest);
        }
        return new QueryLoad.Result(scenario, clients, total, errors.get(), seconds, all, perRequest);
    }

    /**
     * Each request's latency, in microseconds, on one driver thread; with a trace, also when it was
     * sent and which step of its operation it was.
     */
    private record Recorder(long[] micros, int[] count, StringBuilder trace, long origin) {
        void add(long nanos, long sentAt, int step) {
            if (count[0] < micros.length) {
                micros[count[0]++] = nanos / 1000;
                if (trace != null) {
                    trace.append((sentAt - origin) / 1000).append(' ').append(nanos / 1000).append(' ')
                            .append(step).append('\n');
                }
            }
        }
    }

    /**
     * {@code LATENCY_TRACE=FILE}: every request of the run as a line "sent-at latency step" (microseconds
     * from the run's start; step 0 is an operation's first request), to see when slow answers come.
     */
    private static final String TRACE = System.getenv("LATENCY_TRACE");

    /**
     * {@code RATE=N}: an open-loop run, as wrk2 does. The clients together start N operations a
     * second on a fixed schedule (client c's k-th at {@code (c + k * clients) / N} seconds), and an
     * operation's latency counts from when it was due, so a slow answer that delays the next
     * operations is charged to them too instead of being hidden by a client that simply sent less.
     * Without it each client sends again as soon as it has its answer (a closed loop at saturation).
     */
    static final double RATE = System.getenv("RATE") == null ? 0 : Double.parseDouble(System.getenv("RATE"));

    private static void drive(String host, int port, List<Integer> clients, Scripts scripts, long end, long[] micros,
            int[] count, Recorder requests, AtomicLong errors, int allClients, long started) {
        long gap = RATE > 0 ? (long) (1e9 / RATE) : 0;
        PriorityQueue<Client> waiting = new PriorityQueue<>(Comparator.comparingLong(c -> c.due));
        try (Selector selector = Selector.open()) {
            for (int c : clients) {
                Client client = new Client(scripts.client(c), host, port, selector, requests);
                if (gap > 0) {
                    client.due = started + c * gap;
                    waiting.add(client);
                } else {
                    client.start(System.nanoTime());
                }
            }
            int open = clients.size();
            while (open > 0) {
                long now = System.nanoTime();
                while (!waiting.isEmpty() && waiting.peek().due <= now) {
                    Client due = waiting.poll();
                    if (now < end) {
                        due.start(due.due);
                    } else {
                        due.close();
                        open--;
                    }
                }
                if (open == 0) {
                    break;
                }
                long wait = waiting.isEmpty() ? 1000 : Math.max(1, (waiting.peek().due - now) / 1_000_000);
                selector.select(wait);
                for (Iterator<SelectionKey> it = selector.selectedKeys().iterator(); it.hasNext(); ) {
                    SelectionKey key = it.next();
                    it.remove();
                    Client client = (Client) key.attachment();
                    try {
                        Long done = client.ready(key);
                        if (done == null) {
                            continue;
                        }
                        if (count[0] < micros.length) {
                            micros[count[0]++] = done / 1000;
                        }
                        if (!client.ok) {
                            errors.incrementAndGet();
                        }
                    } catch (IOException | RuntimeException e) {
                        if (count[0] < micros.length) {
                            micros[count[0]++] = (System.nanoTime() - client.operationStart) / 1000;
                        }
                        errors.incrementAndGet();
                        client.close();
                        if (System.nanoTime() < end) {
                            client.reconnect(host, port, selector);
                            continue;
                        }
                        open--;
                        continue;
                    }
                    if (gap > 0) {
                        client.due += allClients * gap;
                        waiting.add(client);
                    } else if (System.nanoTime() < end) {
                        client.start(System.nanoTime());
                    } else {
                        client.close();
                        open--;
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("load driver failed: " + e.getMessage(), e);
        }
    }

    /** One connection and the operation in flight on it. */
    private static final class Client {
        private final Script script;
        private final Recorder requests;
        private long requestStart;
        private SocketChannel channel;
        private SelectionKey key;
        private ByteBuffer in = ByteBuffer.allocate(16 * 1024);
        private ByteBuffer out;
        private List<byte[]> operation;
        private int step;
        private int n;
        private int bodyStart;
        long operationStart;
        /** In an open-loop run ({@code RATE}), when the next operation is due. */
        long due;
        boolean ok;

        Client(Script script, String host, int port, Selector selector, Recorder requests) throws IOException {
            this.script = script;
            this.requests = requests;
            connect(host, port, selector);
        }

        private void connect(String host, int port, Selector selector) throws IOException {
            channel = SocketChannel.open(new InetSocketAddress(host, port));
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.configureBlocking(false);
            key = channel.register(selector, 0, this);
        }

        void reconnect(String host, int port, Selector selector) {
            try {
                connect(host, port, selector);
                start(System.nanoTime());
            } catch (IOException e) {
                throw new IllegalStateException("cannot reconnect: " + e.getMessage(), e);
            }
        }

        /** Begins the next operation, its latency counted from {@code from} (now, or when it was due). */
        void start(long from) {
            operation = script.operation(n++);
            step = 0;
            ok = true;
            operationStart = from;
            send();
            requestStart = from;
        }

        private void send() {
            out = ByteBuffer.wrap(operation.get(step));
            requestStart = System.nanoTime();
            in.clear();
            key.interestOps(SelectionKey.OP_WRITE);
        }

        /** Handles readiness; the operation's latency in nanoseconds when it has just finished, else null. */
        Long ready(SelectionKey ready) throws IOException {
            if (ready.isWritable()) {
                channel.write(out);
                if (!out.hasRemaining()) {
                    key.interestOps(SelectionKey.OP_READ);
                }
                return null;
            }
            if (!ready.isReadable()) {
                return null;
            }
            if (!in.hasRemaining()) {
                in = ByteBuffer.allocate(in.capacity() * 2).put(in.flip());
            }
            if (channel.read(in) < 0) {
                throw new IOException("connection closed by the server");
            }
            int status = complete();
            if (status < 0) {
                return null;
            }
            ok &= script.accepts(status, in.array(), bodyStart, in.position());
            requests.add(System.nanoTime() - requestStart, requestStart, step);
            if (++step < operation.size()) {
                send();
                return null;
            }
            key.interestOps(0);
            return System.nanoTime() - operationStart;
        }

        /**
         * The status of the response in {@link #in} once all of it has arrived, else -1; its body
         * then starts at {@link #bodyStart}.
         */
        private int complete() throws IOException {
            byte[] bytes = in.array();
            int length = in.position();
            int headEnd = -1;
            for (int i = 3; i < length; i++) {
                if (bytes[i] == '\n' && bytes[i - 1] == '\r' && bytes[i - 2] == '\n' && bytes[i - 3] == '\r') {
                    headEnd = i + 1;
                    break;
                }
            }
            if (headEnd < 0) {
                return -1;
            }
            String head = new String(bytes, 0, headEnd, StandardCharsets.ISO_8859_1);
            int status = Integer.parseInt(head.substring(9, 12));
            int bodyLength = contentLength(head);
            if (bodyLength < 0) {
                throw new IOException("the response has no Content-Length");
            }
            bodyStart = headEnd;
            return length >= headEnd + bodyLength ? status : -1;
        }

        private static int contentLength(String head) {
            for (String line : head.split("\r\n")) {
                if (line.regionMatches(true, 0, "content-length:", 0, 15)) {
                    return Integer.parseInt(line.substring(15).trim());
                }
            }
            return -1;
        }

        void close() {
            try {
                key.cancel();
                channel.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }
}
