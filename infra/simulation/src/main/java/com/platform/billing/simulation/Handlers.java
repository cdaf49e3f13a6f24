package com.platform.billing.simulation;

import com.platform.billing.api.Dependencies;
import com.platform.billing.domain.payment.PaymentGateway;
import com.platform.billing.domain.topup.TopUpSettings;
import com.platform.billing.functions.admin.BillingAdminHandler;
import com.platform.billing.functions.baremetal.BareMetalChargeHandler;
import com.platform.billing.functions.invoicing.CardChargeRetryHandler;
import com.platform.billing.functions.invoicing.InvoiceIssueHandler;
import com.platform.billing.functions.invoicing.InvoiceRunHandler;
import com.platform.billing.functions.invoicing.InvoicingConfig;
import com.platform.billing.functions.invoicing.PaymentMethodAdminHandler;
import com.platform.billing.functions.pgcallback.PgCallbackHandler;
import com.platform.billing.functions.topup.TopUpHandler;
import com.platform.billing.functions.usage.CatalogueAdminHandler;
import com.platform.billing.functions.usage.UsageRecorderHandler;
import com.platform.billing.functions.vouchers.VoucherAdminHandler;
import com.platform.billing.functions.vouchers.VoucherRedeemHandler;
import com.platform.billing.functions.vouchers.VoucherSettings;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Every function of the simulation, each built once (a warm container) through its package-private test seam — the
 * constructor taking {@link Dependencies} — around the fault-injecting DynamoDB client and the simulated gateway.
 */
record Handlers(BillingAdminHandler admin, TopUpHandler topUp, PgCallbackHandler pgCallback,
                VoucherAdminHandler voucherAdmin, VoucherRedeemHandler voucherRedeem, UsageRecorderHandler usage,
                CatalogueAdminHandler catalogue, PaymentMethodAdminHandler paymentMethods, InvoiceRunHandler invoiceRun,
                InvoiceIssueHandler invoiceIssue, CardChargeRetryHandler cardChargeRetry,
                BareMetalChargeHandler bareMetal) {

    /** The voucher code pepper of the simulation (≥ 32 bytes, as the function requires). */
    private static final String PEPPER = "simulation-voucher-pepper-0123456789abcdef";

    static Handlers create(Dependencies deps, PaymentGateway gateway) {
        VoucherSettings vouchers = VoucherSettings.of(PEPPER);
        InvoicingConfig invoicing = InvoicingConfig.defaults(); // no queue URL: the run issues in-process
        return new Handlers(
                construct(BillingAdminHandler.class, deps),
                construct(TopUpHandler.class, deps, gateway, TopUpSettings.defaults()),
                construct(PgCallbackHandler.class, deps, gateway, ""),
                construct(VoucherAdminHandler.class, deps, vouchers),
                construct(VoucherRedeemHandler.class, deps, vouchers),
                construct(UsageRecorderHandler.class, deps, usageSettings()),
                construct(CatalogueAdminHandler.class, deps),
                construct(PaymentMethodAdminHandler.class, deps),
                construct(InvoiceRunHandler.class, deps, invoicing, gateway),
                construct(InvoiceIssueHandler.class, deps, invoicing, gateway),
                construct(CardChargeRetryHandler.class, deps, gateway),
                construct(BareMetalChargeHandler.class, deps, defaults("com.platform.billing.functions.baremetal"
                        + ".BareMetalSettings"), gateway));
    }

    /** The usage function's default settings (any internal caller account), its own tests' seam. */
    private static Object usageSettings() {
        return defaults("com.platform.billing.functions.usage.UsageSettings");
    }

    /** A function's package-private settings record with its documented defaults ({@code defaults()}). */
    private static Object defaults(String settingsClass) {
        try {
            Method defaults = Class.forName(settingsClass).getDeclaredMethod("defaults");
            defaults.setAccessible(true);
            return defaults.invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build " + settingsClass, e);
        }
    }

    private static <T> T construct(Class<T> type, Object... args) {
        for (Constructor<?> constructor : type.getDeclaredConstructors()) {
            Class<?>[] parameters = constructor.getParameterTypes();
            if (parameters.length != args.length) {
                continue;
            }
            boolean fits = true;
            for (int i = 0; i < args.length && fits; i++) {
                fits = parameters[i].isInstance(args[i]);
            }
            if (!fits) {
                continue;
            }
            try {
                constructor.setAccessible(true);
                return type.cast(constructor.newInstance(args));
            } catch (InvocationTargetException e) {
                throw new IllegalStateException("constructing " + type.getName() + " failed", e.getCause());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot construct " + type.getName(), e);
            }
        }
        throw new IllegalStateException(type.getName() + " has no constructor taking "
                + Arrays.stream(args).map(a -> a.getClass().getSimpleName()).toList());
    }
}
