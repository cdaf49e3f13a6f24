package com.platform.billing.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.platform.billing.devkit.RepoRoot;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IntrinsicsTest {

    private static final String TEMPLATE = """
            Parameters:
              JwtIssuer: {Type: String}
              Level: {Type: String, Default: "3"}
              NoDefault: {Type: String}
            Resources:
              LedgerTable: {Type: AWS::DynamoDB::Table}
              Api: {Type: AWS::Serverless::HttpApi}
              Queue: {Type: AWS::SQS::Queue}
              Pepper: {Type: AWS::SecretsManager::Secret}
              Fn: {Type: AWS::Serverless::Function}
            Values:
              ref: !Ref LedgerTable
              literal: LedgerTable
              arn: !GetAtt LedgerTable.Arn
              arnList: !GetAtt [LedgerTable, Arn]
              stream: !GetAtt LedgerTable.StreamArn
              issuer: !Ref JwtIssuer
              level: !Ref Level
              noDefault: !Ref NoDefault
              queue: !Ref Queue
              pepper: !Ref Pepper
              fnArn: !GetAtt Fn.Arn
              apiUrl: !Sub "https://${Api}.execute-api.${AWS::Region}.${AWS::URLSuffix}/pg/midtrans"
              subVars: !Sub ["${Table}-${AWS::Region}-${!Literal}", {Table: !Ref LedgerTable}]
              subAttr: !Sub "${LedgerTable.Arn}/index/*"
              joined: !Join [":", [a, !Ref Level, !Ref AWS::AccountId]]
              longForm: {"Fn::GetAtt": ["LedgerTable", "Arn"]}
              condition: !If [IsProd, a, b]
              number: 42
            """;

    private final JsonNode tree = CfnYaml.parse(TEMPLATE);
    private final Intrinsics intrinsics = new Intrinsics(tree, new Intrinsics.Locals("ap-southeast-3",
            "123456789012", "billing-local", "billing-local", "arn:table", null, "http://127.0.0.1:3000",
            Map.of("JwtIssuer", "https://local/"), Map.of("Pepper", "arn:secret")));

    private String value(String name) {
        Intrinsics.Result result = intrinsics.resolve(tree.path("Values").path(name));
        assertTrue(result.resolved(), name + ": " + result.problem());
        return result.value();
    }

    private boolean resolves(String name) {
        return intrinsics.resolve(tree.path("Values").path(name)).resolved();
    }

    @Test
    void resolve_whenRefOrGetAttOfTheTable_givesLocalNameAndArn() {
        assertEquals("billing-local", value("ref"));
        assertEquals("LedgerTable", value("literal"), "a plain string is not a Ref");
        assertEquals("arn:table", value("arn"));
        assertEquals("arn:table", value("arnList"));
        assertEquals("arn:table", value("longForm"));
        assertFalse(resolves("stream"), "no stream ARN when the local table has no stream");
    }

    @Test
    void resolve_whenParameter_usesLocalOverrideOrDefault() {
        assertEquals("https://local/", value("issuer"));
        assertEquals("3", value("level"));
        assertFalse(resolves("noDefault"));
    }

    @Test
    void resolve_whenSubOrJoin_substitutesLocalValues() {
        assertEquals("http://127.0.0.1:3000/pg/midtrans", value("apiUrl"));
        assertEquals("billing-local-ap-southeast-3-${Literal}", value("subVars"));
        assertEquals("arn:table/index/*", value("subAttr"));
        assertEquals("a:3:123456789012", value("joined"));
    }

    @Test
    void resolve_whenResourceHasLocalRefOrNone_saysSo() {
        assertEquals("arn:secret", value("pepper"));
        assertEquals("arn:aws:lambda:ap-southeast-3:123456789012:function:Fn", value("fnArn"));
        assertEquals("42", value("number"));
        Intrinsics.Result queue = intrinsics.resolve(tree.path("Values").path("queue"));
        assertFalse(queue.resolved());
        assertTrue(queue.problem().contains("AWS::SQS::Queue"), queue.problem());
        assertFalse(resolves("condition"));
    }

    @Test
    void parse_whenRealTemplate_keepsItsIntrinsics() {
        JsonNode template = CfnYaml.read(RepoRoot.template());

        assertEquals("LedgerTable", template.path("Globals").path("Function").path("Environment")
                .path("Variables").path("TABLE_NAME").path("Ref").asText());
    }
}
