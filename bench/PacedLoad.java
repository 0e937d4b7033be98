import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * A light open-loop generator for the rating form, paced like wrk2 (issue 14): a fixed number of keep-alive HTTP/1.1
 * connections over plain non-blocking sockets, each sending one request at a time on its own schedule (rate ÷
 * connections per second, the connections' schedules staggered evenly), and every latency taken from the moment the
 * request was due, not from when it was sent — a server that stalls holds the connection's next requests back, and
 * that wait counts (coordinated omission corrected). A connection that falls behind sends its late requests back to
 * back until it is on schedule again. Requests due in the measured window but still unsent 30 s after it ended are
 * counted as errors ("unsent").
 *
 * The requests are those of bench/wrk/intake.lua with FORM=urlencoded, byte for byte in fields and headers: the same
 * simulated phones (DEVICES: "cookies TAB csrf token" a line, from bench/intake-lib.sh), the same codes and question
 * names (TARGETS), a fresh idempotency key per form, the same ratings, one resident in four writing the comment. They
 * are assembled from bytes prepared once per phone and per code into one reused buffer per connection, so the
 * generator costs a few tens of µs of CPU per form (printed: cpu_us, its whole JVM's CPU over the measured window
 * divided by the forms sent in it) instead of the ≈ 450 µs of the JDK HttpClient of bench/EvaluationLoad.java.
 * Responses are read by Content-Length (or chunked); every receipt's tracking code goes to ACKED_OUT, one a line, so
 * the scripts look every acknowledged form up in the database.
 *
 * java -Xmx256m -XX:+UseSerialGC bench/PacedLoad.java BASE_URL TARGETS DEVICES RATE SECONDS WARMUP ACKED_OUT
 *      [connections=256] [threads=1]
 * Prints a RESULT line in the shape of intake.lua's (acked failed socket_errors seconds rate p50 p99 max statuses)
 * plus offered, sent, unsent, p999 and cpu_us. Latency resolution: a due request is sent within about a millisecond
 * (the selector's timeout is in milliseconds); that lateness counts in its latency.
 */
public class PacedLoad {

    static final String USER_AGENT = "Mozilla/5.0 (Linux; Android 13; V2219A Build/TP1A.220624.014; wv) AppleWebKit/537.36"
            + " (KHTML, like Gecko) Version/4.0 Chrome/122.0.6261.120 Mobile Safari/537.36 XWEB/1220099 MMWEBSDK/20240404"
            + " MMWEBID/6170 MicroMessenger/8.0.49.2600(0x28003133) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64";
    static final String ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,image/wxpic,image/tpg,image/webp,"
            + "image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7";
    static final byte[][] RATINGS = bytes("SATISFIED", "SATISFIED", "SATISFIED", "BASICALLY_SATISFIED", "DISSATISFIED");
    static final byte[] COMMENT = URLEncoder.encode("窗口服务态度好，办事效率高", StandardCharsets.UTF_8).getBytes(StandardCharsets.US_ASCII);
    static final byte[] TRACKING = "href=\"/t/".getBytes(StandardCharsets.US_ASCII);
    static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    static final byte[] OVERALL = "&overall=".getBytes(StandardCharsets.US_ASCII);
    static final byte[] COMMENT_FIELD = "&comment=".getBytes(StandardCharsets.US_ASCII);
    static final byte[] TAIL = "&clue=&photo=&phone=".getBytes(StandardCharsets.US_ASCII);
    static final byte[] CONTENT_LENGTH = "Content-Length: ".getBytes(StandardCharsets.US_ASCII);
    static final byte[] COOKIE_DEVICE = "Cookie: minyi-device=".getBytes(StandardCharsets.US_ASCII);
    static final long TIMEOUT = 30_000_000_000L;

    /** A code's request line and headers up to the cookie, and its question names as "&r_x=" pieces. */
    record Target(byte[] head, byte[][] questions) {
    }

    /**
     * A phone's cookie header line and its url-encoded token as the body's start ("_csrf=…&key="); {@code xsrf} is
     * its CSRF cookie alone ("XSRF-TOKEN=…"), which residents' phones (RESIDENTS=1) borrow with its token.
     */
    record Device(byte[] cookie, byte[] bodyStart, byte[] xsrf) {
    }

    /**
     * RESIDENTS=1, as intake.lua: a resident's phone rates PHONE_CODES (3) codes and is not seen again — a device
     * cookie of its own, new in every run (the database counts each device's forms per code and day, so phones reused
     * across a day's runs would be flagged as repeats), and an address of its own among 2^24, sent as a proxy in front
     * of the node sends it (X-Forwarded-For); the prepared phones only lend their CSRF cookie and token.
     */
    static final boolean RESIDENTS = "1".equals(System.getenv("RESIDENTS"));
    /** KEY_VERSION=7: keys as the rating page makes them (bench/intake-lib.sh reads the version from a page). */
    static final boolean TIME_ORDERED = "7".equals(System.getenv("KEY_VERSION"));
    static final int PHONE_CODES = Integer.parseInt(System.getenv().getOrDefault("PHONE_CODES", "3"));

    public static void main(String[] args) throws Exception {
        URI base = URI.create(args[0]);
        int rate = Integer.parseInt(args[3]);
        int seconds = Integer.parseInt(args[4]);
        int warmup = Integer.parseInt(args[5]);
        Path ackedOut = Path.of(args[6]);
        int connections = args.length > 7 ? Integer.parseInt(args[7]) : 256;
        int threads = Math.min(connections, args.length > 8 ? Integer.parseInt(args[8]) : 1);
        String origin = base.getScheme() + "://" + base.getHost() + ":" + base.getPort();
        List<Target> targets = Files.readAllLines(Path.of(args[1])).stream().filter(s -> !s.isBlank())
                .map(line -> target(line, base, origin)).toList();
        List<Device> devices = Files.readAllLines(Path.of(args[2])).stream().filter(s -> s.contains("\t"))
                .map(PacedLoad::device).toList();

        long interval = 1_000_000_000L / rate; // between two requests of the whole generator
        long start = System.nanoTime() + 200_000_000L;
        long measureFrom = start + warmup * 1_000_000_000L;
        long measureTo = measureFrom + seconds * 1_000_000_000L;
        Worker[] workers = new Worker[threads];
        for (int t = 0; t < threads; t++) {
            workers[t] = new Worker(new InetSocketAddress(base.getHost(), base.getPort()), targets, devices,
                    measureFrom, measureTo, rate * seconds / threads + 1024);
        }
        for (int c = 0; c < connections; c++) {
            // connection c sends at start + c·interval, then every connections·interval
            workers[c % threads].add(start + c * interval, (long) connections * interval);
        }
        for (Worker w : workers) {
            w.thread.start();
        }
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        sleepUntil(measureFrom);
        long cpu0 = os.getProcessCpuTime();
        System.out.println("MEASURING"); // bench/intake-ab.sh starts reading the app's CPU here
        System.out.flush();
        for (Worker w : workers) {
            w.thread.join();
        }
        long cpu1 = os.getProcessCpuTime();
        report(workers, rate, seconds, warmup, connections, threads, measureFrom, cpu1 - cpu0, ackedOut);
    }

    static void report(Worker[] workers, int rate, int seconds, int warmup, int connections, int threads, long measureFrom,
                       long cpuNanos, Path ackedOut) throws IOException {
        long sent = 0, unsent = 0, acked = 0, failed = 0, socketErrors = 0, n = 0, last = measureFrom;
        TreeMap<Integer, Long> statuses = new TreeMap<>();
        List<String> codes = new ArrayList<>();
        for (Worker w : workers) {
            sent += w.sent;
            unsent += w.unsent;
            acked += w.acked;
            failed += w.failed;
            socketErrors += w.socketErrors;
            n += w.latencyCount;
            last = Math.max(last, w.lastAnswer);
            codes.addAll(w.codes);
            for (int s = 0; s < w.statuses.length; s++) {
                if (w.statuses[s] > 0) {
                    statuses.merge(s, w.statuses[s], Long::sum);
                }
            }
        }
        long[] all = new long[(int) n];
        int i = 0;
        for (Worker w : workers) {
            System.arraycopy(w.latencies, 0, all, i, w.latencyCount);
            i += w.latencyCount;
        }
        Arrays.sort(all);
        Files.write(ackedOut, codes);
        double elapsed = Math.max(1, last - measureFrom) / 1e9;
        StringBuilder failures = new StringBuilder();
        statuses.forEach((s, c) -> {
            if (s != 200) {
                failures.append(failures.isEmpty() ? "" : ",").append(s).append('x').append(c);
            }
        });
        System.out.printf(Locale.ROOT, "paced: %d forms/s offered on %d connections (%d threads), %d s after %d s warm-up;"
                + " statuses %s%n", rate, connections, threads, seconds, warmup, statuses);
        System.out.printf(Locale.ROOT, "RESULT acked=%d failed=%d socket_errors=%d seconds=%.2f rate=%.0f p50=%.1f p99=%.1f"
                        + " max=%.1f statuses=%s offered=%d sent=%d unsent=%d p999=%.1f cpu_us=%.1f cpu_ms=%.0f%n",
                acked, failed + unsent, socketErrors, elapsed, acked / elapsed, pct(all, 0.50), pct(all, 0.99),
                all.length == 0 ? 0 : all[all.length - 1] / 1e3, failures.isEmpty() ? "-" : failures,
                (long) rate * seconds, sent, unsent, pct(all, 0.999), sent == 0 ? 0 : cpuNanos / 1e3 / sent, cpuNanos / 1e6);
    }

    /** Milliseconds; latencies are kept in microseconds. */
    static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int i = (int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1);
        return sorted[Math.max(0, i)] / 1e3;
    }

    static Target target(String line, URI base, String origin) {
        String[] parts = line.split("\t", 2);
        String code = parts[0].strip();
        String[] names = parts.length < 2 ? new String[]{"r_duty"} : parts[1].strip().split("\\s+");
        String head = "POST /e/" + code + " HTTP/1.1\r\n"
                + "Host: " + base.getHost() + ":" + base.getPort() + "\r\n"
                + "Cache-Control: max-age=0\r\n"
                + "Upgrade-Insecure-Requests: 1\r\n"
                + "Origin: " + origin + "\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\n"
                + "User-Agent: " + USER_AGENT + "\r\n"
                + "Accept: " + ACCEPT + "\r\n"
                + "X-Requested-With: com.tencent.mm\r\n"
                + "Sec-Fetch-Site: same-origin\r\n"
                + "Sec-Fetch-Mode: navigate\r\n"
                + "Sec-Fetch-User: ?1\r\n"
                + "Sec-Fetch-Dest: document\r\n"
                + "Referer: " + origin + "/e/" + code + "\r\n"
                + "Accept-Encoding: gzip, deflate\r\n"
                + "Accept-Language: zh-CN,zh;q=0.9,en-US;q=0.8,en;q=0.7\r\n";
        byte[][] questions = Arrays.stream(names).filter(q -> !q.isEmpty()).map(q -> "&" + q + "=")
                .map(s -> s.getBytes(StandardCharsets.US_ASCII)).toArray(byte[][]::new);
        return new Target(head.getBytes(StandardCharsets.US_ASCII), questions);
    }

    /** As intake.lua: the token with '=' written %3D (the only character of it a form must escape). */
    static Device device(String line) {
        String[] parts = line.split("\t", 2);
        String xsrf = Arrays.stream(parts[0].split(";\\s*")).filter(c -> c.startsWith("XSRF-TOKEN=")).findFirst()
                .orElse("");
        return new Device(("Cookie: " + parts[0] + "\r\n").getBytes(StandardCharsets.UTF_8),
                ("_csrf=" + parts[1].strip().replace("=", "%3D") + "&key=").getBytes(StandardCharsets.UTF_8),
                xsrf.getBytes(StandardCharsets.US_ASCII));
    }

    static byte[][] bytes(String... s) {
        return Arrays.stream(s).map(x -> x.getBytes(StandardCharsets.US_ASCII)).toArray(byte[][]::new);
    }

    static void sleepUntil(long nanoTime) throws InterruptedException {
        long wait;
        while ((wait = nanoTime - System.nanoTime()) > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }

    /** One keep-alive connection: its schedule, the request in flight, and the response being read. */
    static final class Connection {
        final long period;
        long due;
        SocketChannel channel;
        SelectionKey key;
        final ByteBuffer out = ByteBuffer.allocate(8192);
        ByteBuffer in = ByteBuffer.allocate(16384);
        boolean inFlight;
        long inFlightDue;
        long sentAt;

        Connection(long due, long period) {
            this.due = due;
            this.period = period;
        }
    }

    /** A thread with its own selector and share of the connections. */
    static final class Worker implements Runnable {
        final Thread thread = new Thread(this, "paced");
        final InetSocketAddress address;
        final List<Target> targets;
        final List<Device> devices;
        final long measureFrom, measureTo;
        final List<Connection> connections = new ArrayList<>();
        final SplittableRandom random = new SplittableRandom();
        /** RESIDENTS=1: this worker's run (20 hex characters of the device cookie), its phones and their forms. */
        final byte[] runId = String.format("%020x", new java.math.BigInteger(80, new java.util.Random()))
                .getBytes(StandardCharsets.US_ASCII);
        final long runBase = random.nextLong(1 << 24);
        long phoneSerial;
        long phoneUses;
        final byte[] body = new byte[4096];
        final byte[] digits = new byte[12];
        final Selector selector;
        long[] latencies;
        int latencyCount;
        long sent, unsent, acked, failed, socketErrors, lastAnswer;
        final long[] statuses = new long[600];
        final List<String> codes = new ArrayList<>();

        Worker(InetSocketAddress address, List<Target> targets, List<Device> devices, long measureFrom, long measureTo,
               int expected) throws IOException {
            this.address = address;
            this.targets = targets;
            this.devices = devices;
            this.measureFrom = measureFrom;
            this.measureTo = measureTo;
            this.latencies = new long[expected];
            this.selector = Selector.open();
        }

        void add(long due, long period) {
            connections.add(new Connection(due, period));
        }

        @Override
        public void run() {
            try {
                for (Connection c : connections) {
                    connect(c);
                }
                loop();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        private void loop() throws IOException {
            long giveUp = measureTo + TIMEOUT;
            while (true) {
                long now = System.nanoTime();
                if (now >= giveUp) {
                    for (Connection c : connections) {
                        answered(c, -1, null, 0, 0, now);
                        unsent += dueInWindow(c);
                    }
                    return;
                }
                long next = Long.MAX_VALUE;
                boolean busy = false;
                for (Connection c : connections) {
                    if (c.inFlight) {
                        busy = true;
                        if (now - c.sentAt > TIMEOUT) {
                            answered(c, -1, null, 0, 0, now);
                            reconnect(c);
                        }
                    } else if (c.due < measureTo) {
                        if (c.due <= now) {
                            send(c, now);
                            busy = true;
                        } else {
                            next = Math.min(next, c.due);
                        }
                    }
                }
                if (!busy && next == Long.MAX_VALUE) {
                    return;
                }
                long wait = next == Long.MAX_VALUE ? 100 : Math.max(1, (next - now + 999_999) / 1_000_000);
                selector.select(Math.min(wait, 100));
                for (SelectionKey k : selector.selectedKeys()) {
                    Connection c = (Connection) k.attachment();
                    if (k.isValid() && k.isWritable()) {
                        flush(c);
                    }
                    if (k.isValid() && k.isReadable()) {
                        read(c);
                    }
                }
                selector.selectedKeys().clear();
            }
        }

        /** How many of this connection's requests from its next one on are due in the measured window. */
        private long dueInWindow(Connection c) {
            long first = c.due;
            if (first < measureFrom) {
                first += (measureFrom - first + c.period - 1) / c.period * c.period;
            }
            return first >= measureTo ? 0 : (measureTo - first + c.period - 1) / c.period;
        }

        private void connect(Connection c) throws IOException {
            SocketChannel ch = SocketChannel.open();
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            ch.connect(address);
            ch.configureBlocking(false);
            c.channel = ch;
            c.key = ch.register(selector, SelectionKey.OP_READ, c);
            c.in.clear();
        }

        private void reconnect(Connection c) throws IOException {
            try {
                c.key.cancel();
                c.channel.close();
            } catch (IOException ignored) {
                // closing a broken socket
            }
            connect(c); // a new channel: the old one's cancelled key does not stand in its way
        }

        /** RESIDENTS=1: this worker's current phone's cookies and address, a new phone every PHONE_CODES forms. */
        private void resident(ByteBuffer out, Device d) {
            if (phoneUses++ % PHONE_CODES == 0) {
                phoneSerial++;
            }
            out.put(COOKIE_DEVICE).put(runId);
            for (int shift = 44; shift >= 0; shift -= 4) {
                out.put(HEX[(int) (phoneSerial >>> shift) & 15]);
            }
            out.put((byte) ';').put((byte) ' ').put(d.xsrf()).put((byte) '\r').put((byte) '\n');
            long a = (phoneSerial * 40503 + runBase) & 0xFFFFFF;
            out.put(("X-Forwarded-For: 10." + (a >>> 16) + "." + ((a >>> 8) & 255) + "." + (a & 255) + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
        }

        /** The next form of this connection's phone: a random code and phone, a fresh key, as intake.lua. */
        private void send(Connection c, long now) throws IOException {
            Target t = targets.get(random.nextInt(targets.size()));
            Device d = devices.get(random.nextInt(devices.size()));
            int n = put(body, 0, d.bodyStart());
            n = uuid(body, n);
            n = put(body, n, OVERALL);
            n = put(body, n, RATINGS[random.nextInt(RATINGS.length)]);
            for (byte[] q : t.questions()) {
                n = put(body, n, q);
                n = put(body, n, RATINGS[random.nextInt(RATINGS.length)]);
            }
            n = put(body, n, COMMENT_FIELD);
            if (random.nextInt(4) == 0) {
                n = put(body, n, COMMENT);
            }
            n = put(body, n, TAIL);
            ByteBuffer out = c.out;
            out.clear();
            out.put(t.head());
            if (RESIDENTS) {
                resident(out, d);
            } else {
                out.put(d.cookie());
            }
            out.put(CONTENT_LENGTH);
            int len = n, i = digits.length;
            do {
                digits[--i] = (byte) ('0' + len % 10);
                len /= 10;
            } while (len > 0);
            out.put(digits, i, digits.length - i).put((byte) '\r').put((byte) '\n').put((byte) '\r').put((byte) '\n');
            out.put(body, 0, n).flip();
            c.inFlight = true;
            c.inFlightDue = c.due;
            c.sentAt = now;
            c.due += c.period;
            if (c.inFlightDue >= measureFrom) {
                sent++;
            }
            flush(c);
        }

        private void flush(Connection c) throws IOException {
            try {
                c.channel.write(c.out);
            } catch (IOException e) {
                answered(c, -1, null, 0, 0, System.nanoTime());
                reconnect(c);
                return;
            }
            c.key.interestOps(c.out.hasRemaining() ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
        }

        private void read(Connection c) throws IOException {
            int r;
            try {
                r = c.channel.read(c.in);
            } catch (IOException e) {
                r = -1;
            }
            if (r < 0) {
                if (c.inFlight) {
                    answered(c, -1, null, 0, 0, System.nanoTime());
                }
                reconnect(c);
                return;
            }
            if (!c.in.hasRemaining()) {
                c.in = ByteBuffer.allocate(c.in.capacity() * 2).put(c.in.flip());
            }
            Response res = Response.parse(c.in.array(), c.in.position());
            if (res == null) {
                return;
            }
            answered(c, res.status, c.in.array(), res.bodyStart, res.end, System.nanoTime());
            int rest = c.in.position() - res.end;
            System.arraycopy(c.in.array(), res.end, c.in.array(), 0, rest);
            c.in.position(rest);
            if (res.close) {
                reconnect(c);
            }
        }

        /** status -1: a socket error or a time-out. */
        private void answered(Connection c, int status, byte[] buf, int bodyStart, int end, long now) {
            if (!c.inFlight) {
                return;
            }
            c.inFlight = false;
            if (c.inFlightDue < measureFrom || c.inFlightDue >= measureTo) {
                return;
            }
            lastAnswer = Math.max(lastAnswer, now);
            if (latencyCount == latencies.length) {
                latencies = Arrays.copyOf(latencies, latencies.length * 2);
            }
            latencies[latencyCount++] = (now - c.inFlightDue) / 1000;
            if (status < 0) {
                socketErrors++;
                return;
            }
            statuses[Math.min(status, statuses.length - 1)]++;
            String code = status == 200 ? tracking(buf, bodyStart, end) : null;
            if (code != null) {
                acked++;
                codes.add(code);
            } else {
                failed++;
            }
        }

        static String tracking(byte[] b, int from, int to) {
            outer:
            for (int i = from; i <= to - TRACKING.length; i++) {
                for (int j = 0; j < TRACKING.length; j++) {
                    if (b[i + j] != TRACKING[j]) {
                        continue outer;
                    }
                }
                int s = i + TRACKING.length, e = s;
                while (e < to && (b[e] >= 'A' && b[e] <= 'Z' || b[e] >= '0' && b[e] <= '9')) {
                    e++;
                }
                return e > s && e < to && b[e] == '"' ? new String(b, s, e - s, StandardCharsets.US_ASCII) : null;
            }
            return null;
        }

        static int put(byte[] into, int at, byte[] what) {
            System.arraycopy(what, 0, into, at, what.length);
            return at + what.length;
        }

        /**
         * A version-4 UUID as intake.lua's uuid() writes it: 30 random hex digits, the version 4, the variant 8–b; with
         * KEY_VERSION=7, as the rating page makes it (decision 0056): the first 12 digits the milliseconds the page was
         * rendered, up to two minutes before the form is sent, the version 7.
         */
        private int uuid(byte[] b, int at) {
            long hi = random.nextLong(), lo = random.nextLong();
            long ms = TIME_ORDERED ? System.currentTimeMillis() - random.nextInt(120_000) : 0;
            for (int i = 0; i < 36; i++) {
                byte x;
                if (i == 8 || i == 13 || i == 18 || i == 23) {
                    x = '-';
                } else if (TIME_ORDERED && i < 13) {
                    x = HEX[(int) (ms >>> (4 * (11 - (i < 8 ? i : i - 1)))) & 15];
                } else if (i == 14) {
                    x = TIME_ORDERED ? (byte) '7' : (byte) '4';
                } else if (i == 19) {
                    x = HEX[8 + (int) (lo & 3)];
                    lo >>>= 2;
                } else if (i < 19) {
                    x = HEX[(int) (hi & 15)];
                    hi >>>= 4;
                } else {
                    x = HEX[(int) (lo & 15)];
                    lo >>>= 4;
                }
                b[at + i] = x;
            }
            return at + 36;
        }
    }

    /** Where a complete response ends in the buffer, or null while it is incomplete. */
    record Response(int status, int bodyStart, int end, boolean close) {
        static Response parse(byte[] b, int len) {
            int headEnd = indexOf(b, 0, len, "\r\n\r\n");
            if (headEnd < 0 || len < 12) {
                return null;
            }
            int status = (b[9] - '0') * 100 + (b[10] - '0') * 10 + (b[11] - '0');
            long length = -1;
            boolean chunked = false, close = false;
            int line = indexOf(b, 0, headEnd, "\r\n") + 2;
            while (line < headEnd + 2) {
                int eol = indexOf(b, line, headEnd + 2, "\r\n");
                if (startsWithIgnoreCase(b, line, "content-length:")) {
                    length = Long.parseLong(new String(b, line + 15, eol - line - 15, StandardCharsets.US_ASCII).strip());
                } else if (startsWithIgnoreCase(b, line, "transfer-encoding:")) {
                    chunked = new String(b, line, eol - line, StandardCharsets.US_ASCII).toLowerCase(Locale.ROOT).contains("chunked");
                } else if (startsWithIgnoreCase(b, line, "connection:")) {
                    close = new String(b, line, eol - line, StandardCharsets.US_ASCII).toLowerCase(Locale.ROOT).contains("close");
                }
                line = eol + 2;
            }
            int bodyStart = headEnd + 4;
            if (!chunked) {
                long end = bodyStart + Math.max(0, length);
                return end <= len ? new Response(status, bodyStart, (int) end, close) : null;
            }
            int at = bodyStart;
            while (true) { // chunk size line, data, CRLF; a zero chunk and its CRLF end it (no trailers)
                int eol = indexOf(b, at, len, "\r\n");
                if (eol < 0) {
                    return null;
                }
                String hex = new String(b, at, eol - at, StandardCharsets.US_ASCII);
                int semi = hex.indexOf(';');
                int size = Integer.parseInt((semi < 0 ? hex : hex.substring(0, semi)).strip(), 16);
                at = eol + 2 + size + 2;
                if (at > len) {
                    return null;
                }
                if (size == 0) {
                    return new Response(status, bodyStart, at, close);
                }
            }
        }

        static int indexOf(byte[] b, int from, int to, String s) {
            outer:
            for (int i = from; i <= to - s.length(); i++) {
                for (int j = 0; j < s.length(); j++) {
                    if (b[i + j] != s.charAt(j)) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }

        static boolean startsWithIgnoreCase(byte[] b, int at, String s) {
            for (int j = 0; j < s.length(); j++) {
                if (at + j >= b.length || Character.toLowerCase((char) b[at + j]) != s.charAt(j)) {
                    return false;
                }
            }
            return true;
        }
    }
}
