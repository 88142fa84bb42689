package org.cpmserver.it.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The server as an attacker with SIPVicious (the Debian package sipvicious: svmap, svwar, svcrack)
 * sees it, on loopback only: svmap finds it; svwar, with each method it knows (REGISTER, OPTIONS,
 * INVITE), gets the same answer for an existing user as for users that do not exist, so it finds
 * no extension; svcrack does not get past digest authentication with a list that lacks the
 * password, and does with one that has it (the scan is real: a weak password would be found).
 * Every process is bound by a timeout.
 */
@ExtendWith(StandaloneServer.class)
class SecurityScanIT {

    private static final String USER = "scanvictim";
    private static final String PASSWORD = "Scan-victim-pw-7431";
    /** Users that must not exist: one svwar-style number, a typical name, an arbitrary one. */
    private static final List<String> ABSENT = List.of("1000", "admin", "scan-nobody");
    private static final String TARGET = "127.0.0.1";
    private static final Pattern DEBUG_RESPONSE = Pattern.compile("b'(SIP/2\\.0 [^\\\\]*)\\\\r\\\\n(.*)'$", Pattern.MULTILINE);
    private static final Pattern DEBUG_TO_USER = Pattern.compile("\\\\r\\\\n(?:To|t): [^\\\\]*?<sip:([^@>]+)@");

    private static Path work;

    /** What one tool run printed. */
    record Run(int exit, String output) {
    }

    @BeforeAll
    static void users() throws Exception {
        work = Files.createDirectories(Path.of(System.getProperty("cpm.it.work")).resolve("security-scan"));
        AdminClient admin = new AdminClient();
        admin.provision(USER, PASSWORD);
        assertEquals(200, admin.send("GET", "/admin/v1/users/sip:" + USER + "@localhost", null).statusCode());
        for (String absent : ABSENT) {
            HttpResponse<String> r = admin.send("GET", "/admin/v1/users/sip:" + absent + "@localhost", null);
            assertEquals(404, r.statusCode(), absent + " must not exist for this test: " + r.body());
        }
    }

    private static Run run(Duration timeout, String... command) throws IOException, InterruptedException {
        Path out = Files.createTempFile(work, command[0] + "-", ".log");
        ProcessBuilder pb = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(out.toFile());
        pb.environment().put("HOME", work.toString()); // sessions (~/.sipvicious) stay in the work folder
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new IllegalStateException(command[0] + " is missing: install the Debian package sipvicious", e);
        }
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError(String.join(" ", command) + " did not finish within " + timeout + ":\n" + Files.readString(out));
        }
        return new Run(p.exitValue(), Files.readString(out));
    }

    /** The tool, the target and the options every run shares: loopback only, a free local port. */
    private static List<String> base(String tool) throws IOException {
        return new ArrayList<>(List.of(tool, TARGET, "-p", Integer.toString(StandaloneServer.SIP_PORT),
                "-b", TARGET, "-x", TARGET, "-P", Integer.toString(Sipp.freePort())));
    }

    private static Path lines(String name, List<String> lines) throws IOException {
        return Files.write(work.resolve(name), lines);
    }

    @Test
    void svmapFindsTheServer() throws Exception {
        Run r = run(Duration.ofSeconds(60), base("svmap").toArray(String[]::new));
        assertTrue(r.output().contains(TARGET + ":" + StandaloneServer.SIP_PORT), "svmap lists the server:\n" + r.output());
    }

    @Test
    void svwarFindsNoDifferenceBetweenExistingAndMissingUsers() throws Exception {
        Map<String, Map<String, TreeSet<String>>> answersByMethod = new LinkedHashMap<>();
        for (String method : List.of("REGISTER", "OPTIONS", "INVITE")) {
            Map<String, TreeSet<String>> answers = new LinkedHashMap<>();
            List<String> users = new ArrayList<>(List.of(USER));
            users.addAll(ABSENT);
            for (String user : users) {
                // one user a run: svwar compares each answer with its answer for a random (missing)
                // user and stops at the first one it cannot classify, so a longer list would not
                // reliably reach every user
                List<String> cmd = base("svwar");
                cmd.addAll(List.of("--domain", StandaloneServer.DOMAIN, "-d", lines("svwar-" + user + ".txt", List.of(user)).toString(),
                        "-m", method, "--force", "-v", "--debug"));
                Run r = run(Duration.ofSeconds(60), cmd.toArray(String[]::new));
                String context = "svwar -m " + method + " for " + user + ":\n" + r.output();
                assertTrue(r.output().contains("Ok SIP device found"), "svwar reached the server: " + context);
                assertTrue(r.output().contains("found nothing"), context);
                assertFalse(r.output().contains("exists") || r.output().contains("| Extension"), context);
                Map<String, TreeSet<String>> seen = finalAnswers(r.output());
                assertTrue(seen.containsKey(user), "svwar's request for " + user + " was answered: " + context);
                TreeSet<String> all = new TreeSet<>();
                seen.values().forEach(all::addAll);
                assertEquals(1, all.size(), "one and the same answer for the random user and " + user + ": " + context);
                answers.put(user, seen.get(user));
            }
            assertEquals(1, new TreeSet<>(answers.values().stream().map(Object::toString).toList()).size(),
                    method + ": the same answer for every user, existing or not: " + answers);
            answersByMethod.put(method, answers);
        }
        System.out.println("svwar answers by method and user: " + answersByMethod);
        // and svwar's own sanity check refuses to enumerate a server that challenges unknown users
        List<String> cmd = base("svwar");
        cmd.addAll(List.of("--domain", StandaloneServer.DOMAIN, "-d", work.resolve("svwar-" + USER + ".txt").toString(), "-m", "REGISTER"));
        Run plain = run(Duration.ofSeconds(60), cmd.toArray(String[]::new));
        assertTrue(plain.output().contains("authentication request for an unknown extension"), plain.output());
    }

    /** From svwar's --debug output: the final status lines it received, by the user of their To. */
    private static Map<String, TreeSet<String>> finalAnswers(String output) {
        Map<String, TreeSet<String>> byUser = new LinkedHashMap<>();
        Matcher m = DEBUG_RESPONSE.matcher(output);
        while (m.find()) {
            String status = m.group(1);
            if (status.startsWith("SIP/2.0 1")) {
                continue;
            }
            Matcher to = DEBUG_TO_USER.matcher(m.group(2));
            if (to.find()) {
                byUser.computeIfAbsent(to.group(1), k -> new TreeSet<>()).add(status.trim());
            }
        }
        return byUser;
    }

    private static long rejected403() throws Exception {
        HttpResponse<String> metrics = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(StandaloneServer.server().http("/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher m = Pattern.compile("(?m)^application_cpm_sip_rejected_total\\{status=\"403\"\\} ([0-9.]+)").matcher(metrics.body());
        return m.find() ? (long) Double.parseDouble(m.group(1)) : 0;
    }

    private Run svcrack(String user, Path passwords) throws Exception {
        List<String> cmd = base("svcrack");
        cmd.addAll(List.of("--domain", StandaloneServer.DOMAIN, "-u", user, "-d", passwords.toString(), "-v"));
        return run(Duration.ofSeconds(90), cmd.toArray(String[]::new));
    }

    @Test
    void svcrackDoesNotGetPastDigestAuthenticationWithoutThePassword() throws Exception {
        List<String> wrong = List.of("password", "123456", USER, PASSWORD.toLowerCase(), PASSWORD.substring(0, PASSWORD.length() - 1),
                PASSWORD + "8", "qwerty");
        Path list = lines("svcrack-wrong.txt", wrong);
        long before = rejected403();
        Run r = svcrack(USER, list);
        assertTrue(r.output().contains("found nothing") && !r.output().contains("The password for"), r.output());
        assertFalse(r.output().contains("User not found") || r.output().contains("Does not seem to require authentication"), r.output());
        long refused = rejected403() - before;
        assertTrue(refused >= wrong.size(), "every guess was really tried and refused with 403 (" + refused + " of "
                + wrong.size() + "):\n" + r.output());

        // an unknown user looks the same to svcrack
        Run ghost = svcrack(ABSENT.get(2), list);
        assertTrue(ghost.output().contains("found nothing"), ghost.output());
        assertFalse(ghost.output().contains("User not found") || ghost.output().contains("Does not seem to require authentication"),
                ghost.output());
    }

    @Test
    void svcrackFindsThePasswordWhenTheListHasIt() throws Exception {
        Run r = svcrack(USER, lines("svcrack-right.txt", List.of("password", "123456", PASSWORD, "qwerty")));
        assertTrue(r.output().contains("The password for " + USER + " is " + PASSWORD), "the scan is real:\n" + r.output());
    }
}
