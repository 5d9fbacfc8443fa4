"""TensorFlow and Keras, no Qt: pipeline, models, losses, the three methods, the trainer."""
