rootProject.name = "creact-intellij"
