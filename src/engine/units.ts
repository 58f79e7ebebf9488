/* Calendar units. These are facts about time, not balance numbers, so they live in code. */

/** Hours in a week (downtime budgets, weekly uptime). */
export const HOURS_PER_WEEK = 168;
/** Weeks in a year (weekly revenue to ARR and back). */
export const WEEKS_PER_YEAR = 52;
/** Months in a year (a contract's monthly fee from its ARR). */
export const MONTHS_PER_YEAR = 12;
/** Months in a quarter (the founder's sign-off allowance resets each quarter). */
export const MONTHS_PER_QUARTER = 3;
