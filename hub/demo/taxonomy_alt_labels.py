"""Alternative labels of the demo taxonomy, by language and slug, one per line as the admin field holds them.

Other names members use for the same method, theme or data source: US spellings, older names,
abbreviations. load_demo puts the English ones on the records and gives the French ones to the
French translations (hub.demo.translate), so imports and searches in either language find them.
"""

ALT_LABELS = {
    "en": {
        # Themes
        "participation-inclusion": "Civic participation\nSocial inclusion",
        "localisation": "Localization\nLocally led development\nShifting the power",
        "social-accountability": "Citizen monitoring\nCommunity monitoring",
        "gender-equality": "Gender\nWomen's empowerment",
        "resilience": "Disaster risk reduction\nCommunity resilience",
        # Methods
        "community-scorecards": "Citizen report cards\nCommunity score cards",
        "asset-mapping": "Asset mapping\nAsset-based community development\nABCD",
        "co-creation": "Participatory design\nCo-design\nCo-creation",
        "systems-thinking": "Systems approach\nSystems mapping",
        "participatory-budgeting": "PB\nParticipatory budget",
        "crowdsourcing": "Collective intelligence\nCrowdsourcing",
        "behavioural-insights": "Behavioral insights\nBehavioural science\nNudging",
        # Data sources
        "administrative-data": "Administrative records\nAdmin data",
        "citizen-generated-data": "Community data\nCrowdsourced data",
        "household-surveys": "Household survey data",
    },
    "fr": {
        "participation-inclusion": "Participation citoyenne\nInclusion sociale",
        "localisation": "Localisation de l'aide\nDéveloppement piloté localement",
        "social-accountability": "Contrôle citoyen\nSuivi communautaire",
        "gender-equality": "Genre\nAutonomisation des femmes",
        "resilience": "Réduction des risques de catastrophe\nRésilience communautaire",
        "community-scorecards": "Cartes de rendement citoyennes\nFiches de notation communautaire",
        "asset-mapping": "Cartographie des atouts\nDéveloppement communautaire fondé sur les atouts",
        "co-creation": "Conception participative\nCo-conception\nCo-création",
        "systems-thinking": "Approche systémique\nCartographie des systèmes",
        "participatory-budgeting": "BP\nBudgétisation participative",
        "crowdsourcing": "Intelligence collective\nCrowdsourcing",
        "behavioural-insights": "Approches comportementales\nSciences du comportement\nNudge",
        "administrative-data": "Registres administratifs",
        "citizen-generated-data": "Données communautaires\nDonnées participatives",
        "household-surveys": "Données d'enquêtes ménages",
    },
}
