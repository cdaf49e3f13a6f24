package com.platform.billing.domain.invoice;

/**
 * How a quoted amount relates to tax.
 * <ul>
 *   <li>{@code ADDED}: the quoted amount is the net price; tax is charged on top (total = amount + tax).</li>
 *   <li>{@code INCLUDED}: the quoted amount is the gross price; the tax inside it is
 *       amount · rate / (1 + rate), rounded half-up once (total = amount, net = amount − tax).</li>
 * </ul>
 */
public enum TaxMode {
    ADDED,
    INCLUDED
}
