package hub.services;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.CountDownLatch;

import org.codelibs.opensearch.runner.OpenSearchRunner;
import org.opensearch.common.settings.Settings;
import org.opensearch.common.unit.TimeValue;

/**
 * Starts one local OpenSearch node for CLD Hub development and tests.
 *
 * <p>Configuration (Java system properties, all optional):
 * <ul>
 *   <li>{@code cldhub.search.home} base directory for config/data/logs
 *       (default {@code ../.data/opensearch} relative to the working directory)</li>
 *   <li>{@code cldhub.search.port} HTTP port (default 9201)</li>
 *   <li>{@code cldhub.search.transport} transport port or range (default 9300-9399)</li>
 *   <li>{@code cldhub.search.host} bind address (default 127.0.0.1)</li>
 *   <li>{@code cldhub.search.pidfile} file to write this JVM's pid to (removed on exit)</li>
 * </ul>
 *
 * <p>The node binds to loopback only, runs as a single-node cluster and has no
 * security plugin (plain HTTP, no authentication). The analysis-common module
 * (ngram/edge_ngram, asciifolding, stemmer, snowball, ...) is loaded.
 * Runs until the JVM gets SIGTERM/SIGINT, then closes the node cleanly.
 */
public final class SearchEngine {

    private SearchEngine() {
    }

    public static void main(final String[] args) throws Exception {
        final Path home = Paths.get(System.getProperty("cldhub.search.home", "../.data/opensearch"))
                .toAbsolutePath().normalize();
        final String host = System.getProperty("cldhub.search.host", "127.0.0.1");
        final int port = Integer.parseInt(System.getProperty("cldhub.search.port", "9201"));
        final String transport = System.getProperty("cldhub.search.transport", "9300-9399");

        final String pidfileProp = System.getProperty("cldhub.search.pidfile");
        final Path pidfile = pidfileProp == null ? null : Paths.get(pidfileProp).toAbsolutePath();
        if (pidfile != null) {
            Files.createDirectories(pidfile.getParent());
            Files.write(pidfile, (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII));
        }

        final OpenSearchRunner runner = new OpenSearchRunner();
        final CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("[cldhub] shutting down search engine");
            try {
                runner.close();
            } catch (final Exception e) {
                System.err.println("[cldhub] error while closing: " + e);
            }
            if (pidfile != null) {
                try {
                    Files.deleteIfExists(pidfile);
                } catch (final Exception e) {
                    // ignore
                }
            }
            System.out.println("[cldhub] search engine stopped");
            stopped.countDown();
        }, "cldhub-shutdown"));

        try {
            runner.onBuild((index, settings) -> {
                settings.put("network.host", host);
                settings.put("http.port", String.valueOf(port));
                settings.put("transport.port", transport);
                settings.put("discovery.type", "single-node");
                settings.put("node.name", "cldhub-dev-node");
                // Dev machines often have nearly full disks: never flip indexes to read-only.
                settings.put("cluster.routing.allocation.disk.threshold_enabled", false);
                settings.put("action.auto_create_index", true);
            }).build(OpenSearchRunner.newConfigs()
                    .basePath(home.toString())
                    .clusterName("cldhub-dev")
                    .numOfNode(1));
        } catch (final Throwable t) {
            System.err.println("[cldhub] search engine failed to start: " + t);
            t.printStackTrace();
            if (pidfile != null) {
                Files.deleteIfExists(pidfile);
            }
            Runtime.getRuntime().halt(1);
        }

        try {
            // Single node: replicas could never be assigned, so new indexes default to
            // 0 replicas and stay green. (Only honoured as a cluster-level setting.)
            runner.admin().cluster().prepareHealth().setWaitForYellowStatus()
                    .setTimeout(TimeValue.timeValueSeconds(60)).get();
            runner.admin().cluster().prepareUpdateSettings()
                    .setPersistentSettings(Settings.builder().put("cluster.default_number_of_replicas", 0))
                    .get();
        } catch (final Exception e) {
            System.err.println("[cldhub] could not set cluster.default_number_of_replicas=0: " + e);
        }

        System.out.println("[cldhub] search engine up: http://" + host + ":" + port
                + " (home " + home + ")");
        stopped.await();
    }
}
