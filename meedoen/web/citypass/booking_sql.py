"""One booking on PostgreSQL in one statement (``booking_postgres.book_sql``): read the facts, take the money
from the earliest-ending current budget that has enough, and append the ledger entry, or do nothing
and return the facts, from which ``booking.first_refusal`` tells why. {who} is the provider (web page) or
the till found by its token hash. The UPDATE re-checks "balance >= amount" on the row as another
transaction may just have left it, so two tills can never both spend the last euro.

Lock order (issue 16): the pass row first, FOR SHARE, then the budget row by the UPDATE; blocking or
replacing a pass (``issuing.replace``) locks the pass FOR UPDATE and then its budgets, the same order,
so the two never deadlock. FOR SHARE does not make bookings on one pass wait for each other, but it
waits for a block under way and then reads the pass as the block left it (PostgreSQL re-reads a row
it had to wait for), so no booking lands after a block. The UPDATE also re-checks that the budget
still belongs to the pass (a replacement moves the budgets to the new pass).
"""

SQL = """
WITH who AS (
    {who}
),
card AS (
    SELECT c.id, c.status = 'active' AS active,
           %(year)s - EXTRACT(YEAR FROM c.birth_date)::int
           - (to_char(c.birth_date, 'MMDD') > %(mmdd)s)::int AS age
    FROM citypass_pass c WHERE c.number = %(number)s
    FOR SHARE OF c
),
offer AS (
    SELECT o.id, o.name, o.category, o.price_cents, o.min_age, o.max_age
    FROM citypass_offer o JOIN who ON o.provider_id = who.provider_id
    WHERE o.id = %(offer)s AND o.active
),
budget AS (
    SELECT b.id, b.balance_cents, b.period_end,
           b.period_start <= %(today)s AND %(today)s <= b.period_end AS current
    FROM citypass_budget b JOIN card ON b.pass_card_id = card.id JOIN offer ON b.categories ? offer.category
),
facts AS (
    SELECT who.provider_id, who.till_id, who.revoked_at, who.status, who.lookups_blocked_until,
           card.id AS card_id, card.active AS card_active, offer.name AS offer_name, offer.price_cents,
           card.age BETWEEN offer.min_age AND offer.max_age AS age_fits,
           EXISTS (SELECT 1 FROM budget) AS suitable,
           EXISTS (SELECT 1 FROM budget WHERE current) AS current,
           (SELECT id FROM budget WHERE current AND balance_cents >= %(amount)s
            ORDER BY period_end, id LIMIT 1) AS chosen
    FROM who LEFT JOIN card ON TRUE LEFT JOIN offer ON TRUE
),
taken AS (
    UPDATE citypass_budget b SET balance_cents = b.balance_cents - %(amount)s
    FROM facts
    WHERE b.id = facts.chosen AND b.balance_cents >= %(amount)s AND b.pass_card_id = facts.card_id
      AND facts.revoked_at IS NULL AND facts.status = 'approved'
      AND (facts.lookups_blocked_until IS NULL OR facts.lookups_blocked_until <= %(now)s)
      AND facts.card_active AND facts.age_fits AND %(amount)s > 0 AND %(amount)s <= facts.price_cents
    RETURNING b.id
),
entry AS (
    INSERT INTO citypass_ledgerentry
        (reference, budget_id, pass_card_id, kind, amount_cents, provider_id, offer_id, by_id, till_id, at)
    SELECT %(reference)s, taken.id, facts.card_id, 'redemption', %(spent)s, facts.provider_id,
           %(offer)s, %(by)s, facts.till_id, %(now)s
    FROM taken, facts
    RETURNING id
)
SELECT facts.provider_id, facts.till_id, facts.revoked_at, facts.status, facts.lookups_blocked_until,
       facts.card_id, facts.card_active, facts.offer_name, facts.price_cents, facts.age_fits,
       facts.suitable, facts.current, facts.chosen, (SELECT id FROM taken), (SELECT id FROM entry)
FROM facts
"""
