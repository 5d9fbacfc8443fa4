"""No TensorFlow and no Qt: the settings schema, configs, run folders, data, the article's table."""
