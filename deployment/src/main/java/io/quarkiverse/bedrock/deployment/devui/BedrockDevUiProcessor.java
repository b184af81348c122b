package io.quarkiverse.bedrock.deployment.devui;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import io.quarkiverse.bedrock.deployment.ModelFamilyBuildItem;
import io.quarkiverse.bedrock.runtime.auth.AwsEnvironment;
import io.quarkiverse.bedrock.runtime.devui.BedrockJsonRpcService;
import io.quarkus.deployment.IsDevelopment;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.DevServicesResultBuildItem;
import io.quarkus.devui.spi.JsonRPCProvidersBuildItem;
import io.quarkus.devui.spi.page.CardPageBuildItem;
import io.quarkus.devui.spi.page.Page;

/**
 * The Bedrock card of the Dev UI: every client's endpoint, region, credential source and timeouts, and the native
 * families.
 */
public class BedrockDevUiProcessor {

    /**
     * @param registered the registered model families
     * @param devServices the running Dev Services, the emulator among them when it was started
     * @return the card
     */
    @BuildStep(onlyIf = IsDevelopment.class)
    CardPageBuildItem card(List<ModelFamilyBuildItem> registered, List<DevServicesResultBuildItem> devServices) {
        Config config = ConfigProvider.getConfig();
        Map<String, String> emulator = devServices.stream().filter(d -> "bedrock".equals(d.getName())).findFirst()
                .map(DevServicesResultBuildItem::getConfig).orElse(Map.of());
        List<ClientSummary.Row> rows = ClientSummary.clients(config, emulator)
                .map(clients -> new ClientSummary(AwsEnvironment.SYSTEM).rows(clients, emulator))
                .orElse(List.of(new ClientSummary.Row("", "Settings",
                        "only known at run time (the configuration uses values that resolve at run time)")));

        CardPageBuildItem card = new CardPageBuildItem();
        card.addBuildTimeData("clients", rows);
        card.addPage(Page.tableDataPageBuilder("Clients")
                .icon("font-awesome-solid:cloud")
                .buildTimeDataKey("clients")
                .showColumn("client")
                .showColumn("setting")
                .showColumn("value")
                .staticLabel(String.valueOf(rows.stream().map(ClientSummary.Row::client).distinct().count())));
        card.addPage(Page.webComponentPageBuilder()
                .title("Playground")
                .icon("font-awesome-solid:comments")
                .componentLink("qwc-bedrock-playground.js"));
        card.addPage(Page.webComponentPageBuilder()
                .title("Recent requests")
                .icon("font-awesome-solid:list")
                .componentLink("qwc-bedrock-recent-requests.js"));
        List<Map<String, String>> families = registered.stream().map(ModelFamilyBuildItem::getClassName).distinct()
                .sorted().map(c -> Map.of("family", c)).toList();
        card.addBuildTimeData("families", families);
        card.addPage(Page.tableDataPageBuilder("Model families")
                .icon("font-awesome-solid:layer-group")
                .buildTimeDataKey("families")
                .showColumn("family")
                .staticLabel(String.valueOf(families.size())));
        return card;
    }

    /** @return the JSON-RPC methods behind the playground and recent-requests pages */
    @BuildStep(onlyIf = IsDevelopment.class)
    JsonRPCProvidersBuildItem jsonRpc() {
        return new JsonRPCProvidersBuildItem(BedrockJsonRpcService.class);
    }
}
