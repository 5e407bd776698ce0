// Kept free of imports: /preview/portfolio's test reads it to check the sandbox page words the definitions the same.

/** The definitions docs/portfolio.md gives, said where the numbers are read. */
export const retentionDefinitions = [
  'Start base: every customer with ARR above zero at the period\'s start, at the ARR it had then, in the cohort and segment it had then. Customers won during the period are left out.',
  'Churned ARR: the whole start ARR of a customer that churned in the period, or whose ARR fell to zero.',
  'Contraction and expansion: how much a customer still there at the end went down or up from its start ARR.',
  'GRR = (start − churned − contraction) / start. NRR = (start − churned − contraction + expansion) / start. Logo retention = customers still there / customers at the start.',
  'Good fit is every cohort but bad fit: a bad fit is expected to churn out, so its churn is reported apart and good-fit retention is the headline.',
];
