// Formatting and date arithmetic for the billing page: rupiah, Asia/Jakarta dates, the credit runway.

export const ZONE = "Asia/Jakarta";

const RUPIAH = new Intl.NumberFormat("id-ID", { style: "currency", currency: "IDR", maximumFractionDigits: 0 });
const DATE_TIME = new Intl.DateTimeFormat("id-ID", { timeZone: ZONE, dateStyle: "medium", timeStyle: "short" });
const DATE = new Intl.DateTimeFormat("id-ID", { timeZone: ZONE, dateStyle: "long" });
const PARTS = new Intl.DateTimeFormat("en-CA", { timeZone: ZONE, year: "numeric", month: "2-digit", day: "2-digit" });

/** Whole rupiah (the API's amounts are integers in IDR) as "Rp 100.000". */
export function idr(amount) {
  return amount === null || amount === undefined ? "–" : RUPIAH.format(amount);
}

/** An ISO instant as a date and time in Asia/Jakarta. */
export function dateTime(iso) {
  return iso ? DATE_TIME.format(new Date(iso)) : "–";
}

/** The calendar day {year, month (1-12), day} of an instant in Asia/Jakarta. */
export function jakartaDay(instant) {
  const parts = Object.fromEntries(PARTS.formatToParts(instant).map((p) => [p.type, p.value]));
  return { year: Number(parts.year), month: Number(parts.month), day: Number(parts.day) };
}

/** A Jakarta calendar day as a long date ("31 Desember 2026"); noon avoids any zone edge. */
export function longDate({ year, month, day }) {
  return DATE.format(new Date(Date.UTC(year, month - 1, day, 5)));
}

/**
 * The credit runway at this month's daily pace.
 *   dailyPace = ongoingUsage / daysElapsed   (days elapsed in the Jakarta month, today included: day 1 → 1)
 *   daysLeft  = remainingCredit / dailyPace
 *   runs out on today + floor(daysLeft) days (Jakarta calendar)
 * Returns null when there is no usage (no pace to extrapolate), {exhausted: true} when nothing remains.
 */
export function runway(remainingCredit, ongoingUsage, now = new Date()) {
  if (!(ongoingUsage > 0)) {
    return null;
  }
  const today = jakartaDay(now);
  const dailyPace = ongoingUsage / today.day;
  if (remainingCredit <= 0) {
    return { exhausted: true, dailyPace, daysElapsed: today.day };
  }
  const daysLeft = Math.floor(remainingCredit / dailyPace);
  const end = new Date(Date.UTC(today.year, today.month - 1, today.day + daysLeft, 5));
  return {
    exhausted: false,
    dailyPace,
    daysElapsed: today.day,
    daysLeft,
    date: { year: end.getUTCFullYear(), month: end.getUTCMonth() + 1, day: end.getUTCDate() },
  };
}

/** "2026-11" → "November 2026". */
export function monthName(period) {
  if (!period) {
    return "";
  }
  const [year, month] = period.split("-").map(Number);
  return new Intl.DateTimeFormat("en-GB", { month: "long", year: "numeric", timeZone: "UTC" })
    .format(new Date(Date.UTC(year, month - 1, 15)));
}

/** UPPER_SNAKE → "Upper snake". */
export function words(code) {
  if (!code) {
    return "";
  }
  const text = String(code).toLowerCase().replaceAll("_", " ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}
