package com.platform.billing.domain.invoice;

import com.platform.billing.domain.Page;
import java.util.Optional;

/** Reading invoices (writes happen inside the use cases' own transactions). */
public interface InvoiceStore {

    Optional<Invoice> find(String orgId, String invoiceId);

    /**
     * The org's invoices, newest first, optionally only of one type and/or status. {@code cursor} is a value from a
     * previous page, or null for the first page.
     */
    Page<Invoice> list(String orgId, InvoiceType type, InvoiceStatus status, String cursor, int limit);
}
