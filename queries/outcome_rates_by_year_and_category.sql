-- Share of disputed items overturned, by decision year and treatment category.
SELECT decision_year,
       treatment_category,
       count(*) AS items,
       round(avg(CASE WHEN decision = 'Overturned' THEN 1 ELSE 0 END) * 100, 1) AS pct_overturned
FROM treatments
GROUP BY ALL
ORDER BY decision_year, items DESC;
