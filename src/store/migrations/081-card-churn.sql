-- When and why a churned customer left (churnOf: the mapped churn date, a lost renewal or the lifecycle stage), kept
-- beside each card that carries a churn, so the portfolio's churn review selects a period's churns in SQL.
ALTER TABLE score_snapshots ADD COLUMN churned_at timestamptz, ADD COLUMN churn_reason text;
