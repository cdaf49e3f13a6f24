package com.platform.billing.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.platform.billing.api.Json;
import com.platform.billing.domain.Money;
import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class AmountsTest {

    @Test
    void fromDecimalString_whenWholeRupiah_isExact() {
        assertEquals(Money.of(200_000, "IDR"), Amounts.fromDecimalString("200000.00", "IDR"));
        assertEquals(Money.of(200_000, "IDR"), Amounts.fromDecimalString("200000", "IDR"));
        assertEquals(Money.of(9_223_372_036_854_775_807L, "IDR"),
                Amounts.fromDecimalString("9223372036854775807.00", "IDR"));
        assertEquals(Money.of(1_250, "USD"), Amounts.fromDecimalString("12.50", "USD"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"200000.50", "200000.001", "-200000.00", "2e5", " 200000", "200,000.00", "",
            "9223372036854775808", "0x10"})
    void fromDecimalString_whenNotAnExactNonNegativeAmount_refuses(String text) {
        assertThrows(IllegalArgumentException.class, () -> Amounts.fromDecimalString(text, "IDR"));
    }

    @Test
    void fromJsonNumber_acceptsIntegersAndWholeDecimalsOnly() throws Exception {
        assertEquals(Money.of(55_500, "IDR"), Amounts.fromJsonNumber(Json.MAPPER.readTree("55500"), "IDR"));
        assertEquals(Money.of(55_500, "IDR"), Amounts.fromJsonNumber(Json.MAPPER.readTree("55500.0"), "IDR"));
        assertEquals(Money.of(55_500, "IDR"),
                Amounts.fromJsonNumber(JsonNodeFactory.instance.numberNode(55500.0d), "IDR"));
        assertThrows(IllegalArgumentException.class, () -> Amounts.fromJsonNumber(Json.MAPPER.readTree("55500.5"),
                "IDR"));
        assertThrows(IllegalArgumentException.class, () -> Amounts.fromJsonNumber(Json.MAPPER.readTree("\"55500\""),
                "IDR"));
        assertThrows(IllegalArgumentException.class, () -> Amounts.fromJsonNumber(
                JsonNodeFactory.instance.numberNode(new BigDecimal("-1")), "IDR"));
    }

    @Test
    void currency_refusesWhatMoneyWouldNot() {
        assertEquals("IDR", Amounts.currency("IDR"));
        assertThrows(IllegalArgumentException.class, () -> Amounts.currency("idr"));
        assertThrows(IllegalArgumentException.class, () -> Amounts.currency("XYZ"));
        assertThrows(IllegalArgumentException.class, () -> Amounts.currency(null));
    }
}
