"""Invorderingswet 1990 and its Uitvoeringsregeling: kwijtschelding of taxes."""
