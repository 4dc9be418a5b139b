package org.brightspots.searchnode;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.codelibs.opensearch.runner.node.OpenSearchRunnerNode;
import org.opensearch.common.logging.LogConfigurator;
import org.opensearch.common.settings.Settings;
import org.opensearch.env.Environment;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.plugins.Plugin;

/**
 * Starts one OpenSearch node of a cluster in this JVM, bound to 127.0.0.1.
 *
 * Usage: SearchNode HOME NODE_NUMBER NODE_COUNT HTTP_PORT TRANSPORT_PORT CLUSTER_NAME
 * Node n (1-based) listens on HTTP_PORT + n - 1 and TRANSPORT_PORT + n - 1; its data and logs go
 * under HOME/node-n. A single-node cluster uses single-node discovery. The node runs in-process
 * (no bootstrap checks), so it starts as root too; SIGTERM closes it cleanly.
 */
public final class SearchNode {

    // The modules a distribution loads from modules/, as classes (OpenSearch 3 names).
    private static final String[] MODULES = {
        "org.opensearch.analysis.common.CommonAnalysisModulePlugin",
        "org.opensearch.transport.Netty4ModulePlugin",
        "org.opensearch.index.mapper.MapperExtrasModulePlugin",
        "org.opensearch.index.reindex.ReindexModulePlugin",
        "org.opensearch.search.aggregations.matrix.MatrixAggregationModulePlugin",
    };

    private SearchNode() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 6) {
            System.err.println("usage: SearchNode HOME NODE_NUMBER NODE_COUNT HTTP_PORT TRANSPORT_PORT CLUSTER_NAME");
            System.exit(2);
        }
        Path home = Paths.get(args[0]).toAbsolutePath();
        int number = Integer.parseInt(args[1]);
        int count = Integer.parseInt(args[2]);
        int httpPort = Integer.parseInt(args[3]);
        int transportPort = Integer.parseInt(args[4]);
        String clusterName = args[5];

        Path nodeHome = home.resolve("node-" + number);
        Path config = nodeHome.resolve("config");
        Files.createDirectories(config);
        Files.createDirectories(nodeHome.resolve("data"));
        Files.createDirectories(nodeHome.resolve("logs"));
        Files.createDirectories(nodeHome.resolve("modules"));
        Files.createDirectories(nodeHome.resolve("plugins"));
        copyResource("config/opensearch.yml", config.resolve("opensearch.yml"));
        copyResource("config/log4j2.properties", config.resolve("log4j2.properties"));

        Settings.Builder settings = Settings.builder()
            .put("cluster.name", clusterName)
            .put("node.name", "node-" + number)
            .put("path.home", nodeHome.toString())
            .put("path.data", nodeHome.resolve("data").toString())
            .put("path.logs", nodeHome.resolve("logs").toString())
            .put("network.host", "127.0.0.1")
            .put("http.port", httpPort + number - 1)
            .put("transport.port", transportPort + number - 1)
            // A shared development disk is often fuller than the default watermarks allow.
            .put("cluster.routing.allocation.disk.threshold_enabled", false)
            .putList("node.roles", "cluster_manager", "data", "ingest");
        if (count == 1) {
            settings.put("discovery.type", "single-node");
        } else {
            List<String> seeds = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (int i = 1; i <= count; i++) {
                seeds.add("127.0.0.1:" + (transportPort + i - 1));
                names.add("node-" + i);
            }
            settings.putList("discovery.seed_hosts", seeds);
            settings.putList("cluster.initial_cluster_manager_nodes", names);
        }

        Environment environment = InternalSettingsPreparer.prepareEnvironment(
            settings.build(), Collections.emptyMap(), config, () -> "node-" + number);
        LogConfigurator.registerErrorListener();
        LogConfigurator.configure(environment);

        List<Class<? extends Plugin>> plugins = new ArrayList<>();
        for (String name : MODULES) {
            plugins.add(Class.forName(name).asSubclass(Plugin.class));
        }
        OpenSearchRunnerNode node = new OpenSearchRunnerNode(environment, plugins);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.close();
                node.awaitClose(30, TimeUnit.SECONDS);
            } catch (Exception error) {
                System.err.println("closing the node failed: " + error);
            }
        }));
        node.start();
        System.out.println("node-" + number + " started on http://127.0.0.1:" + (httpPort + number - 1));
        while (!node.isClosed()) {
            Thread.sleep(1000);
        }
    }

    private static void copyResource(String name, Path target) throws Exception {
        if (Files.exists(target)) {
            return;
        }
        try (InputStream in = SearchNode.class.getClassLoader().getResourceAsStream(name)) {
            Files.copy(in, target);
        }
    }
}
