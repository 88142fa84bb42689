/**
 * Jazzer fuzz tests of the protocol parsers: one class per parser, each with a single
 * {@code @FuzzTest} method {@code parse(byte[])} that checks the {@link ParserContract} (a value or
 * a documented refusal, nothing else; what is accepted round-trips through the writer).
 *
 * <p>How they run ({@code cpm-protocol/pom.xml}):
 * <ul>
 *   <li>{@code mvn test}: regression mode. Each fuzz test runs on its seeds only - the samples of
 *       {@code src/test/resources/samples/<format>/} via {@link Seeds}, the files of
 *       {@code src/test/resources/org/cpmserver/protocol/fuzz/<Class>Inputs/parse/}, and the empty
 *       input.</li>
 *   <li>{@code mvn verify}: afterwards the surefire execution {@code fuzz} fuzzes every class for its
 *       {@code maxDuration} ({@link FuzzBudget}), one JVM per class (Jazzer fuzzes one test per JVM),
 *       two at a time. {@code -Dfuzz.skip} skips it; {@code -Djazzer.max_duration=5m} fuzzes longer;
 *       {@code -Dtest=CpimParserFuzzTest} picks one class.</li>
 * </ul>
 *
 * <p>A finding fails the build and its input is written to the test's {@code Inputs/parse/}
 * directory as {@code crash-<sha1>} (or {@code timeout-<sha1>} for a hang), from where every later
 * {@code mvn test} replays it: fix the parser, keep the file (rename it to say what it checks).
 * Inputs that gained coverage are kept in {@code cpm-protocol/.cifuzz-corpus/} (a local cache, not
 * for version control) and make the next run start further.
 *
 * <p>Adding a parser (conference-info, SDP, MSRP, ...) is one small class here, e.g.
 * <pre>
 * class SdpFuzzTest {
 *     &#64;MethodSource("seeds")
 *     &#64;Timeout(value = FuzzBudget.HANG_SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
 *     &#64;FuzzTest(maxDuration = FuzzBudget.BODY)
 *     void parse(byte[] input) {
 *         Sdp sdp = ParserContract.parseOrRefuse(() -&gt; SdpParser.parse(input));
 *         if (sdp != null) {
 *             ParserContract.assertRoundTrip(sdp, SdpWriter::write, SdpParser::parse);
 *         }
 *     }
 *
 *     static Stream&lt;Arguments&gt; seeds() {
 *         return Seeds.samples("sdp");
 *     }
 * }
 * </pre>
 * plus its samples under {@code samples/sdp/valid} and {@code samples/sdp/invalid}. The name must
 * end in {@code FuzzTest} for the fuzzing execution to pick it up, and its budget adds to the
 * module's fuzzing time (see {@link FuzzBudget}).
 */
package org.cpmserver.protocol.fuzz;
