"""The default rule set (YAML files only). This file lets the folder ship inside the installed package."""
