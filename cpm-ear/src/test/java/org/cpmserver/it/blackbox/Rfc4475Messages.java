package org.cpmserver.it.blackbox;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The RFC 4475 torture messages as the npm package {@code sip@0.0.6} ships them (test/messages/*.dat),
 * fetched with {@code npm pack} at test time, and the rewriting that makes them safe to send to the
 * server under test.
 *
 * <p>The rewriting keeps each message's torture (its whitespace, escapes, odd tokens, wrong lengths)
 * and changes only addresses, so that the server answers the test and can send nothing anywhere but
 * to loopback sockets of the test:
 * <ul>
 * <li>the host (and port) of every Via sent-by, every SIP URI in Contact, Route and Record-Route
 *     (including SIP URIs escaped inside them, e.g. {@code ?Route=%3Csip:...%3E}) and every
 *     {@code received}/{@code maddr} value becomes 127.0.0.1: the topmost Via's sent-by the test's
 *     own socket, with the transport it is really sent over (a response goes to the top Via); all
 *     the others a second, listening-only UDP socket of the test, so that anything the server sends
 *     to them is seen;</li>
 * <li>the Request-URI host of a sip/sips Request-URI becomes the served domain, and so does the
 *     same host in To (a registrar's address-of-record): the messages are addressed to the element
 *     under test, whose domain the RFC calls example.com; a non-SIP Request-URI keeps its scheme and
 *     only an IPv4 literal in it becomes 127.0.0.1;</li>
 * <li>Content-Length is set to the real body length only for cases that are not about
 *     Content-Length, and added (TCP only) where a message has none, since a stream needs it.</li>
 * </ul>
 * A second message carried in the same datagram (RFC 4475 dblreq) is rewritten the same way. All
 * text is handled as ISO-8859-1 so every byte of the original survives.
 */
final class Rfc4475Messages {

    static final String PACKAGE = "sip@0.0.6";
    static final String TARBALL = "sip-0.0.6.tgz";
    /** The registry's shasum of the tarball: the expectations of TortureIT are for exactly these bytes. */
    static final String TARBALL_SHA1 = "472b30a9e29128e38b0e98129c4cff02decf5726";

    private Rfc4475Messages() {
    }

    /** Fetches and unpacks the package under {@code dir} (once); returns its test/messages folder. */
    static Path fetch(Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path tgz = dir.resolve(TARBALL);
        if (Files.exists(tgz) && !TARBALL_SHA1.equals(sha1(tgz))) {
            Files.delete(tgz);
        }
        if (!Files.exists(tgz)) {
            Path cache = dir.resolve("npm-cache");
            run(dir, Duration.ofMinutes(4), Map.of("npm_config_cache", cache.toString(),
                    "npm_config_update_notifier", "false", "npm_config_fund", "false", "npm_config_audit", "false"),
                    "npm", "pack", PACKAGE);
        }
        if (!Files.exists(tgz)) {
            throw new IllegalStateException("npm pack " + PACKAGE + " did not produce " + tgz + "; see " + dir.resolve("fetch.log"));
        }
        String sum = sha1(tgz);
        if (!TARBALL_SHA1.equals(sum)) {
            throw new IllegalStateException(tgz + " has SHA-1 " + sum + ", expected " + TARBALL_SHA1);
        }
        Path unpacked = dir.resolve("unpacked");
        LibertyServerProcess.deleteRecursively(unpacked);
        Files.createDirectories(unpacked);
        run(dir, Duration.ofMinutes(1), Map.of(), "tar", "-xzf", tgz.toString(), "-C", unpacked.toString());
        Path messages = unpacked.resolve("package/test/messages");
        if (!Files.isDirectory(messages)) {
            throw new IllegalStateException("no test/messages in " + tgz);
        }
        return messages;
    }

    /** Every {@code *.dat} file of the folder by name without the extension, as raw bytes. */
    static Map<String, byte[]> load(Path messages) throws IOException {
        Map<String, byte[]> all = new TreeMap<>();
        try (Stream<Path> files = Files.list(messages)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String name = f.getFileName().toString();
                if (name.endsWith(".dat")) {
                    all.put(name.substring(0, name.length() - 4), Files.readAllBytes(f));
                }
            }
        }
        return all;
    }

    /** The names of the {@code *.json} files: the messages the package's own parser test expects to parse. */
    static List<String> parsedByThePackage(Path messages) throws IOException {
        List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.list(messages)) {
            files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted()
                    .forEach(n -> names.add(n.substring(0, n.length() - 5)));
        }
        return names;
    }

    private static void run(Path dir, Duration timeout, Map<String, String> env, String... command)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("fetch.log").toFile()));
        pb.environment().putAll(env);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new IllegalStateException(command[0] + " is not installed (the CI must install it): " + e.getMessage(), e);
        }
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not finish within " + timeout
                    + "; see " + dir.resolve("fetch.log"));
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited " + p.exitValue() + "; see " + dir.resolve("fetch.log"));
        }
    }

    static String sha1(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-1");
            byte[] buf = new byte[8192];
            for (int n = in.read(buf); n > 0; n = in.read(buf)) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------ rewriting

    /** Where the rewritten message points. */
    record Target(String transport, int topViaPort, int otherPort, String domain, boolean setContentLength) {
    }

    /** sent-protocol LWS sent-by of one via-parm, with the LWS RFC 3261 allows everywhere in it. */
    private static final Pattern VIA_PARM = Pattern.compile(
            "(SIP\\s*/\\s*[^/\\s]+\\s*/\\s*)([A-Za-z][A-Za-z0-9-]*)(\\s+)(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9._-]+)(\\s*:\\s*[0-9]+)?",
            Pattern.CASE_INSENSITIVE);
    /** A sip/sips URI up to its host[:port]; also one escaped inside another ({@code %3Csip:host}). */
    private static final Pattern SIP_URI = Pattern.compile(
            "(?:(?<![A-Za-z0-9+.-])|(?<=%3[Cc]))(sips?:)([^@\\s<>\"]*@)?(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9._-]+)(:[0-9]+)?",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern ADDRESS_PARAM = Pattern.compile(
            "(;\\s*(?:received|maddr)\\s*=\\s*)([A-Za-z0-9._:\\[\\]-]+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern IPV4 = Pattern.compile("(?<![0-9.])[0-9]{1,3}(?:\\.[0-9]{1,3}){3}(?![0-9.])");
    private static final Pattern CONTENT_LENGTH = Pattern.compile("(?is)(\\s*(?:content-length|l)\\s*:\\s*)([0-9]+)(\\s*)");
    private static final Pattern START_LINE = Pattern.compile("^(?:SIP/2\\.0 [0-9]|[^\\s]+ [^\\r\\n]* SIP/2\\.0\\r\\n)");

    private static final Pattern ADDRESS_FIELD = Pattern.compile(
            "(?im)^(?:via|v|contact|m|route|record-route)[ \\t]*:(.*(?:\\r\\n[ \\t].*)*)");

    /** The message rewritten for {@code target} (see the class comment). */
    static byte[] prepare(byte[] raw, Target target) {
        return rewriteMessage(new String(raw, StandardCharsets.ISO_8859_1), target).getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The safety net: refuses a header section with an address the server could send to that is not loopback. */
    static void requireLoopbackOnly(String text) {
        Matcher field = ADDRESS_FIELD.matcher(text);
        while (field.find()) {
            String value = field.group(1);
            for (Pattern p : List.of(VIA_PARM, SIP_URI)) {
                Matcher m = p.matcher(value);
                while (m.find()) {
                    String host = p == VIA_PARM ? m.group(4) : m.group(3);
                    if (!host.equals("127.0.0.1")) {
                        throw new IllegalStateException("not rewritten to loopback: " + host + " in " + field.group());
                    }
                }
            }
            Matcher a = ADDRESS_PARAM.matcher(value);
            while (a.find()) {
                if (!a.group(2).equals("127.0.0.1")) {
                    throw new IllegalStateException("not rewritten to loopback: " + a.group() + " in " + field.group());
                }
            }
        }
    }

    private static String rewriteMessage(String msg, Target target) {
        int end = msg.indexOf("\r\n\r\n");
        String head = end < 0 ? msg : msg.substring(0, end);
        String rest = end < 0 ? null : msg.substring(end + 4);
        String[] lines = head.split("\r\n", -1);
        List<StringBuilder> fields = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if (!fields.isEmpty() && (line.startsWith(" ") || line.startsWith("\t"))) {
                fields.get(fields.size() - 1).append("\r\n").append(line);
            } else {
                fields.add(new StringBuilder(line));
            }
        }
        String start = lines[0];
        String requestHost = null;
        if (!start.startsWith("SIP/")) {
            String[] rewritten = rewriteRequestLine(start, target);
            start = rewritten[0];
            requestHost = rewritten[1];
        }
        boolean topVia = true;
        boolean hasContentLength = false;
        int bodyLength = rest == null ? 0 : rest.length();
        Integer declared = null;
        List<String> out = new ArrayList<>();
        for (StringBuilder f : fields) {
            String field = f.toString();
            int colon = field.indexOf(':');
            if (colon <= 0) {
                out.add(field);
                continue;
            }
            String name = field.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = field.substring(colon + 1);
            switch (name) {
                case "via":
                case "v": {
                    StringBuilder sb = new StringBuilder();
                    Matcher m = VIA_PARM.matcher(value);
                    int last = 0;
                    while (m.find()) {
                        sb.append(value, last, m.start());
                        sb.append(m.group(1)).append(topVia ? target.transport() : m.group(2)).append(m.group(3))
                                .append("127.0.0.1:").append(topVia ? target.topViaPort() : target.otherPort());
                        topVia = false;
                        last = m.end();
                    }
                    sb.append(value.substring(last));
                    value = ADDRESS_PARAM.matcher(sb.toString()).replaceAll("$1127.0.0.1");
                    break;
                }
                case "contact":
                case "m":
                case "route":
                case "record-route":
                    value = ADDRESS_PARAM.matcher(redirectUris(value, target.otherPort())).replaceAll("$1127.0.0.1");
                    break;
                case "to":
                case "t":
                    if (requestHost != null) {
                        value = renameHost(value, requestHost, target.domain());
                    }
                    break;
                case "content-length":
                case "l": {
                    hasContentLength = true;
                    Matcher m = CONTENT_LENGTH.matcher(field);
                    if (m.matches()) {
                        declared = declared == null ? Integer.valueOf(Integer.parseInt(m.group(2))) : declared;
                        if (target.setContentLength()) {
                            field = m.group(1) + bodyLength + m.group(3);
                        }
                    }
                    value = field.substring(field.indexOf(':') + 1);
                    break;
                }
                default:
                    break;
            }
            out.add(field.substring(0, colon + 1) + value);
        }
        if (target.setContentLength() && !hasContentLength && rest != null && "TCP".equals(target.transport())) {
            out.add("Content-Length: " + bodyLength);
        }
        StringBuilder message = new StringBuilder(start);
        for (String field : out) {
            message.append("\r\n").append(field);
        }
        requireLoopbackOnly(message.toString());
        if (rest == null) {
            return message.toString();
        }
        message.append("\r\n\r\n");
        // octets after the declared body that form another message (RFC 4475 dblreq) are rewritten too
        if (!target.setContentLength() && declared != null && declared >= 0 && declared < rest.length()) {
            String body = rest.substring(0, declared);
            String after = rest.substring(declared);
            int skip = 0;
            while (after.startsWith("\r\n", skip)) {
                skip += 2;
            }
            if (START_LINE.matcher(after.substring(skip)).find()) {
                return message + body + after.substring(0, skip) + rewriteMessage(after.substring(skip), target);
            }
        }
        return message + rest;
    }

    /** {@code [new request line, original host of a sip/sips Request-URI or null]}. */
    private static String[] rewriteRequestLine(String line, Target target) {
        Matcher scheme = Pattern.compile("(?i)(?<![A-Za-z0-9+.-])sips?:").matcher(line);
        if (!scheme.find()) {
            return new String[] {IPV4.matcher(line).replaceAll("127.0.0.1"), null};
        }
        int uriStart = scheme.end();
        int uriEnd = uriStart;
        while (uriEnd < line.length() && !Character.isWhitespace(line.charAt(uriEnd)) && line.charAt(uriEnd) != '>') {
            uriEnd++;
        }
        String uri = line.substring(uriStart, uriEnd);
        int hostStart = uri.lastIndexOf('@') + 1;
        int hostEnd = hostStart;
        while (hostEnd < uri.length() && ";?:>".indexOf(uri.charAt(hostEnd)) < 0) {
            hostEnd++;
        }
        String host = uri.substring(hostStart, hostEnd);
        String tail = redirectUris(uri.substring(hostEnd), target.otherPort());
        String rewritten = line.substring(0, uriStart) + uri.substring(0, hostStart) + target.domain() + tail + line.substring(uriEnd);
        return new String[] {rewritten, host};
    }

    /** Every SIP URI's host[:port] to 127.0.0.1:port. */
    private static String redirectUris(String value, int port) {
        Matcher m = SIP_URI.matcher(value);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String user = m.group(2) == null ? "" : m.group(2);
            m.appendReplacement(sb, Matcher.quoteReplacement(m.group(1) + user + "127.0.0.1:" + port));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** The host of SIP URIs that is {@code from} becomes {@code to} (ports kept). */
    private static String renameHost(String value, String from, String to) {
        Matcher m = SIP_URI.matcher(value);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            if (m.group(3).equalsIgnoreCase(from)) {
                String user = m.group(2) == null ? "" : m.group(2);
                String port = m.group(4) == null ? "" : m.group(4);
                m.appendReplacement(sb, Matcher.quoteReplacement(m.group(1) + user + to + port));
            } else {
                m.appendReplacement(sb, Matcher.quoteReplacement(m.group()));
            }
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
