"""The promotional-content classifier: MARKETING / UTILITY / AUTHENTICATION with explanations."""
