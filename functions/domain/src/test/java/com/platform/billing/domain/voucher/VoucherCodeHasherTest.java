package com.platform.billing.domain.voucher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class VoucherCodeHasherTest {

    private static final String PEPPER = "unit-test-pepper-0123456789abcdef0123456789";
    private final VoucherCodeHasher hasher = VoucherCodeHasher.ofPepper(PEPPER);

    @Test
    void voucherId_whenSameCodeTypedDifferently_isTheSame() {
        assertEquals(hasher.voucherId(VoucherCode.parse("welcome-2026", "code")),
                hasher.voucherId(VoucherCode.parse(" WELCOME2026 ", "code")));
    }

    @Test
    void voucherId_whenPepperDiffers_differs() {
        VoucherCode code = VoucherCode.parse("WELCOME2026", "code");
        assertNotEquals(hasher.voucherId(code),
                VoucherCodeHasher.ofPepper(PEPPER + "-other").voucherId(code));
    }

    @Test
    void voucherId_hasTheDocumentedShapeAndRevealsNoCode() {
        String id = hasher.voucherId(VoucherCode.parse("WELCOME2026", "code"));
        assertTrue(VoucherCodeHasher.isVoucherId(id), id);
        assertEquals(4 + 26, id.length());
        assertFalse(id.toUpperCase().contains("WELCOME"));
    }

    @Test
    void isVoucherId_whenMalformed_isFalse() {
        assertFalse(VoucherCodeHasher.isVoucherId(null));
        assertFalse(VoucherCodeHasher.isVoucherId("vch_short"));
        assertFalse(VoucherCodeHasher.isVoucherId("vch_0e5w3k2m7q9r1t4v6x8z0b2d4u"));
        assertFalse(VoucherCodeHasher.isVoucherId("VCH_0E5W3K2M7Q9R1T4V6X8Z0B2D4F"));
        assertTrue(VoucherCodeHasher.isVoucherId("vch_0e5w3k2m7q9r1t4v6x8z0b2d4f"));
    }

    @Test
    void constructor_whenPepperShort_isRefused() {
        assertThrows(IllegalArgumentException.class, () -> VoucherCodeHasher.ofPepper("too-short"));
        assertThrows(IllegalArgumentException.class, () -> VoucherCodeHasher.ofPepper(null));
    }
}
